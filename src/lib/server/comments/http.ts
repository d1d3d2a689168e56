/** What the comment routes share: who is asking, a checked body, and telling the page. */
import type { RequestEvent } from '@sveltejs/kit';
import { TEXT_LIMITS } from '../../roadmap/limits';
import { authorize, type Action } from '../auth/authorization';
import { db, services } from '../context';
import { ApiError, apiUser } from '../http/api';
import type { CommentTarget } from '../../comments/types';

/**
 * The signed-in member asking for `action`. Public-link readers are not told the roadmap has
 * comments: they are the members' internal discussion, like the member list.
 */
export async function commentActor(event: RequestEvent, action: Action) {
	const user = apiUser(event);
	const found = await authorize(db(), user.id, event.params.id!, action);
	if (found.access === 'public') throw new ApiError(404, 'not_found', 'Roadmap not found');
	return { user, ...found };
}

/** A body as stored: trimmed, not empty, within the limit. */
export function commentBody(body: string): string {
	const trimmed = body.trim();
	if (!trimmed) throw new ApiError(400, 'empty_body', 'A comment cannot be empty');
	if (trimmed.length > TEXT_LIMITS.comment)
		throw new ApiError(
			400,
			'too_long',
			`A comment may have at most ${TEXT_LIMITS.comment} characters (this one has ${trimmed.length})`
		);
	return trimmed;
}

/**
 * Tells every page open on the roadmap (on every instance) that this thread changed, and the
 * people whose mention notices it changed that they should read theirs again.
 */
export function announce(roadmapId: string, target: CommentTarget, noticesChanged: string[] = []) {
	const collab = services().collab;
	collab?.commentsChanged?.(roadmapId, target);
	if (noticesChanged.length)
		collab?.signal?.(roadmapId, { kind: 'mentions', userIds: noticesChanged });
}
