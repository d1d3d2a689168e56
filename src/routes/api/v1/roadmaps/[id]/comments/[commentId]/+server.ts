import { json } from '@sveltejs/kit';
import { deleteComment, editComment, resolveComment } from '$lib/server/comments/comments';
import { announce, commentActor, commentBody } from '$lib/server/comments/http';
import { db } from '$lib/server/context';
import { ApiError, apiRoute, readBody } from '$lib/server/http/api';
import { commentChange } from '$lib/server/schemas';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function commentId(id: string | undefined): string {
	if (!id || !UUID.test(id)) throw new ApiError(404, 'not_found', 'Comment not found');
	return id;
}

/** `{ body }` edits (the author only); `{ resolved: true | false }` resolves or reopens. */
export const PATCH = apiRoute(async (event) => {
	const { user, roadmap } = await commentActor(event, 'comment');
	const id = commentId(event.params.commentId);
	const change = await readBody(event, commentChange);
	const { comment, noticesChanged } =
		change.body !== undefined
			? await editComment(db(), roadmap.id, user.id, id, commentBody(change.body))
			: {
					comment: await resolveComment(db(), roadmap.id, user.id, id, change.resolved!),
					noticesChanged: []
				};
	announce(roadmap.id, comment, noticesChanged);
	return json({ comment });
});

/** The author, or an owner, deletes; the comment stays in its thread as "deleted". */
export const DELETE = apiRoute(async (event) => {
	const { user, roadmap, access } = await commentActor(event, 'comment');
	const id = commentId(event.params.commentId);
	const { comment, noticesChanged } = await deleteComment(
		db(),
		roadmap.id,
		user.id,
		id,
		access === 'owner'
	);
	announce(roadmap.id, comment, noticesChanged);
	return json({ comment });
});
