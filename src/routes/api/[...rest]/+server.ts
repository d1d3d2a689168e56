/**
 * Any address under /api/ that no endpoint answers: a JSON 404 like the API's other errors,
 * not the app's HTML error page (a client reading JSON would fail to parse that).
 */
import { json, type RequestHandler } from '@sveltejs/kit';

const notFound: RequestHandler = ({ url }) =>
	json(
		{
			error: {
				code: 'not_found',
				message: `No API endpoint at ${url.pathname.slice(0, 200)}; see docs/API.md for the endpoints.`
			}
		},
		{ status: 404 }
	);

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
