import { json } from '@sveltejs/kit';
import { can } from '$lib/server/auth/authorization';
import { createComment, listComments } from '$lib/server/comments/comments';
import { announce, commentActor, commentBody } from '$lib/server/comments/http';
import { db } from '$lib/server/context';
import { ApiError, apiRoute, readBody } from '$lib/server/http/api';
import { commentInput, commentQuery } from '$lib/server/schemas';

export const GET = apiRoute(async (event) => {
	const { user, access, roadmap } = await commentActor(event, 'read');
	const query = commentQuery.safeParse(Object.fromEntries(event.url.searchParams));
	if (!query.success)
		throw new ApiError(400, 'invalid_input', 'state must be open, resolved or all');
	return json({
		comments: await listComments(db(), roadmap.id, query.data),
		you: {
			id: user.id,
			canComment: can(access, 'comment') && !roadmap.archivedAt,
			archived: roadmap.archivedAt !== null,
			canDeleteAny: access === 'owner'
		}
	});
});

export const POST = apiRoute(async (event) => {
	const { user, roadmap } = await commentActor(event, 'comment');
	const input = await readBody(event, commentInput);
	const { comment, noticesChanged } = await createComment(db(), roadmap.id, user.id, {
		...input,
		body: commentBody(input.body)
	});
	announce(roadmap.id, comment, noticesChanged);
	return json({ comment }, { status: 201 });
});
