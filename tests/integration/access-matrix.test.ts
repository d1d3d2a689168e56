/**
 * Every route and API endpoint, as every kind of visitor, with the status each must get.
 * The table must name every route under src/routes: a new route without a row fails here.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../helpers/databases';
import { call, startTestApp, type Actor, type Call, type TestApp } from '../helpers/app';
import {
	buildApiClient,
	buildRoadmap,
	buildUser,
	grantRole,
	uniqueEmail
} from '../helpers/factories';

type Who = 'anonymous' | 'viewer' | 'commenter' | 'editor' | 'owner' | 'outsider';
const WHO: Who[] = ['anonymous', 'viewer', 'commenter', 'editor', 'owner', 'outsider'];

interface Row {
	route: string;
	name: string;
	/** Path with :R (the private roadmap) and :D (the public demo) placeholders. */
	path: string;
	/** `task`: a task of the private roadmap; `comment`: a comment on it. */
	request?: (ctx: { app: TestApp; task: string; comment: string }) => Call;
	expect: Record<Who, number>;
}

const all = (status: number): Record<Who, number> =>
	Object.fromEntries(WHO.map((w) => [w, status])) as Record<Who, number>;
const signedIn = (status: number, anonymous: number) => ({ ...all(status), anonymous });
/** Members get `member`, the outsider and anonymous get 404 unless said otherwise. */
const members = (member: number, rest: Partial<Record<Who, number>> = {}) => ({
	anonymous: 404,
	outsider: 404,
	viewer: member,
	commenter: member,
	editor: member,
	owner: member,
	...rest
});
/** Owner-only: other members 403, non-members 404. */
const ownerOnly = (owner: number, anonymous = 404) => ({
	...members(403, { anonymous }),
	owner
});

const html: Call = { headers: { accept: 'text/html' } };

const ROWS: Row[] = [
	{ route: '/', name: 'home', path: '/', expect: all(200) },
	{ route: '/healthz', name: 'health', path: '/healthz', expect: all(200) },
	// An address under /api/ that no endpoint serves: the same JSON 404 for everyone.
	{
		route: '/api/[...rest]',
		name: 'unknown API address',
		path: '/api/v1/nothing-here',
		expect: all(404)
	},
	{
		route: '/locale',
		name: 'switch language',
		path: '/locale',
		request: () => ({ form: { locale: 'en' } }),
		expect: all(303)
	},
	{
		route: '/signup',
		name: 'sign-up page',
		path: '/signup',
		expect: { ...all(303), anonymous: 200 }
	},
	{
		route: '/login',
		name: 'sign-in page',
		path: '/login',
		expect: { ...all(303), anonymous: 200 }
	},
	{
		route: '/logout',
		name: 'sign out',
		path: '/logout',
		request: () => ({ form: {} }),
		expect: all(303)
	},
	{ route: '/profile', name: 'profile', path: '/profile', expect: signedIn(200, 303) },
	{
		route: '/profile/tokens',
		name: 'api tokens',
		path: '/profile/tokens',
		expect: signedIn(200, 303)
	},
	{
		route: '/organizations',
		name: 'organizations',
		path: '/organizations',
		expect: signedIn(200, 303)
	},
	{
		route: '/organizations/[id]',
		name: "someone else's organization",
		path: '/organizations/:O',
		expect: signedIn(404, 303)
	},
	{ route: '/roadmaps', name: 'my roadmaps', path: '/roadmaps', expect: signedIn(200, 303) },
	{
		route: '/roadmaps/new',
		name: 'new roadmap page',
		path: '/roadmaps/new',
		expect: signedIn(200, 303)
	},
	{
		route: '/roadmaps/[id]/(plan)',
		name: 'private roadmap (outline)',
		path: '/roadmaps/:R',
		expect: members(200, { anonymous: 303 })
	},
	{
		route: '/roadmaps/[id]/(plan)',
		name: 'public demo roadmap',
		path: '/roadmaps/:D',
		expect: all(200)
	},
	{
		route: '/roadmaps/[id]/(plan)',
		name: 'filtered outline, nonsense in the filter ignored',
		path: '/roadmaps/:R?sector=industry&status=%3Cb%3E&due=never',
		expect: members(200, { anonymous: 303 })
	},
	{
		route: '/roadmaps/[id]/(plan)/board',
		name: 'private roadmap board',
		path: '/roadmaps/:R/board?status=at_risk',
		expect: members(200, { anonymous: 303 })
	},
	{
		route: '/roadmaps/[id]/(plan)/board',
		name: 'public demo board',
		path: '/roadmaps/:D/board',
		expect: all(200)
	},
	{
		route: '/roadmaps/[id]/(plan)/balance',
		name: 'private roadmap sector balance',
		path: '/roadmaps/:R/balance?org=nobody',
		expect: members(200, { anonymous: 303 })
	},
	{
		route: '/roadmaps/[id]/(plan)/balance',
		name: 'public demo sector balance',
		path: '/roadmaps/:D/balance',
		expect: all(200)
	},
	{
		route: '/roadmaps/[id]/(plan)/timeline',
		name: 'private roadmap timeline',
		path: '/roadmaps/:R/timeline?zoom=year',
		expect: members(200, { anonymous: 303 })
	},
	{
		route: '/roadmaps/[id]/(plan)/timeline',
		name: 'public demo timeline, unknown zoom',
		path: '/roadmaps/:D/timeline?zoom=%3Cb%3E',
		expect: all(200)
	},
	{
		route: '/roadmaps/[id]/members',
		name: 'members page',
		path: '/roadmaps/:R/members',
		expect: members(200, { anonymous: 303 })
	},
	{
		route: '/roadmaps/[id]/members',
		name: 'members page of a public roadmap',
		path: '/roadmaps/:D/members',
		expect: all(404)
	},
	{
		route: '/roadmaps/[id]/members',
		name: 'create an invitation (form)',
		path: '/roadmaps/:R/members?/invite',
		request: () => ({ form: { role: 'viewer', expiresInDays: '7', maxUses: '1' } }),
		expect: ownerOnly(200, 303)
	},
	{
		route: '/roadmaps/[id]/settings',
		name: 'settings page',
		path: '/roadmaps/:R/settings',
		expect: ownerOnly(200, 303)
	},
	{
		route: '/roadmaps/[id]/settings',
		name: 'rename (form)',
		path: '/roadmaps/:R/settings?/rename',
		request: () => ({ form: { title: 'Renamed' } }),
		expect: ownerOnly(200, 303)
	},
	{
		route: '/roadmaps/[id]/report',
		name: 'report page',
		path: '/roadmaps/:R/report',
		expect: members(200, { anonymous: 303 })
	},
	{
		route: '/roadmaps/[id]/report',
		name: 'report page of the public demo',
		path: '/roadmaps/:D/report',
		expect: all(200)
	},
	{
		route: '/roadmaps/[id]/activity',
		name: 'activity feed',
		path: '/roadmaps/:R/activity',
		expect: members(200, { anonymous: 303 })
	},
	{
		route: '/roadmaps/[id]/activity',
		name: 'activity feed of the public demo',
		path: '/roadmaps/:D/activity?person=not-a-person&page=x',
		expect: all(200)
	},
	{
		route: '/roadmaps/[id]/report/[snapshotId]',
		name: 'saved report page',
		path: '/roadmaps/:R/report/:S',
		expect: members(200, { anonymous: 303 })
	},
	{
		route: '/roadmaps/[id]/report/compare',
		name: 'compare saved reports page',
		path: '/roadmaps/:R/report/compare?from=:S&to=:S',
		expect: members(200, { anonymous: 303 })
	},
	{
		route: '/invite/[token]',
		name: 'invitation page (bad token)',
		path: '/invite/not-a-token',
		expect: all(200)
	},
	{ route: '/api/v1/me', name: 'GET /api/v1/me', path: '/api/v1/me', expect: signedIn(200, 401) },
	// Only ever one's own notices: the same answer for every role.
	{
		route: '/api/v1/me/mentions',
		name: 'GET /api/v1/me/mentions',
		path: '/api/v1/me/mentions?unread=true',
		expect: signedIn(200, 401)
	},
	{
		route: '/api/v1/me/mentions/read',
		name: 'POST /api/v1/me/mentions/read',
		path: '/api/v1/me/mentions/read',
		request: () => ({ json: { all: true } }),
		expect: signedIn(200, 401)
	},
	{
		route: '/api/v1/organizations',
		name: 'GET /api/v1/organizations',
		path: '/api/v1/organizations?q=a',
		expect: signedIn(200, 401)
	},
	{
		route: '/api/v1/organizations',
		name: 'POST /api/v1/organizations',
		path: '/api/v1/organizations',
		// A new name each time: one that exists already is answered 200, as the one meant.
		request: () => ({ json: { name: `Via API ${Math.random()}`, sector: 'industry' } }),
		expect: signedIn(201, 401)
	},
	{
		route: '/api/v1/roadmaps',
		name: 'GET /api/v1/roadmaps',
		path: '/api/v1/roadmaps',
		expect: signedIn(200, 401)
	},
	{
		route: '/api/v1/roadmaps',
		name: 'POST /api/v1/roadmaps',
		path: '/api/v1/roadmaps',
		request: () => ({ json: { title: 'Via API', template: 'blank' } }),
		expect: signedIn(201, 401)
	},
	{
		route: '/api/v1/roadmaps/[id]',
		name: 'GET private roadmap',
		path: '/api/v1/roadmaps/:R',
		expect: members(200)
	},
	{
		route: '/api/v1/roadmaps/[id]',
		name: 'GET public roadmap',
		path: '/api/v1/roadmaps/:D',
		expect: all(200)
	},
	{
		route: '/api/v1/roadmaps/[id]/members',
		name: 'GET members',
		path: '/api/v1/roadmaps/:R/members',
		expect: members(200, { anonymous: 401 })
	},
	{
		route: '/api/v1/roadmaps/[id]/members',
		name: 'POST members',
		path: '/api/v1/roadmaps/:R/members',
		request: () => ({ json: { email: 'nobody-here@example.org', role: 'viewer' } }),
		// The owner is allowed; that address has no account, hence 404 user_not_found.
		expect: ownerOnly(404, 401)
	},
	{
		route: '/api/v1/roadmaps/[id]/invitations',
		name: 'POST invitations',
		path: '/api/v1/roadmaps/:R/invitations',
		request: () => ({ json: { role: 'commenter' } }),
		expect: ownerOnly(201, 401)
	},
	{
		route: '/api/v1/roadmaps/[id]/report.[format]',
		name: 'GET private report (csv)',
		path: '/api/v1/roadmaps/:R/report.csv?lang=en',
		expect: members(200)
	},
	{
		route: '/api/v1/roadmaps/[id]/report.[format]',
		name: 'GET public report (json)',
		path: '/api/v1/roadmaps/:D/report.json',
		expect: all(200)
	},
	{
		route: '/api/v1/roadmaps/[id]/report.[format]',
		name: 'GET report with a bad since',
		path: '/api/v1/roadmaps/:R/report.md?since=2026-02-30',
		expect: members(400)
	},
	{
		route: '/api/v1/roadmaps/[id]/reports',
		name: 'GET saved reports',
		path: '/api/v1/roadmaps/:R/reports',
		expect: members(200)
	},
	{
		route: '/api/v1/roadmaps/[id]/reports',
		name: 'GET saved reports of a public roadmap',
		path: '/api/v1/roadmaps/:D/reports',
		expect: all(200)
	},
	{
		route: '/api/v1/roadmaps/[id]/reports',
		name: 'POST save a report',
		path: '/api/v1/roadmaps/:R/reports',
		request: () => ({ json: {} }),
		expect: members(403, { editor: 201, owner: 201 })
	},
	{
		route: '/api/v1/roadmaps/[id]/reports',
		name: 'POST save a report of a public roadmap',
		path: '/api/v1/roadmaps/:D/reports',
		request: () => ({ json: {} }),
		expect: signedIn(403, 401)
	},
	{
		route: '/api/v1/roadmaps/[id]/reports/[snapshotId].[format]',
		name: 'GET a saved report (md)',
		path: '/api/v1/roadmaps/:R/reports/:S.md',
		expect: members(200)
	},
	{
		route: '/api/v1/roadmaps/[id]/reports/[snapshotId].[format]',
		name: "GET another roadmap's saved report",
		path: '/api/v1/roadmaps/:D/reports/:S.md',
		expect: all(404)
	},
	{
		route: '/api/v1/roadmaps/[id]/reports/compare',
		name: 'GET compare reports',
		path: '/api/v1/roadmaps/:R/reports/compare?a=:S&b=live',
		expect: members(200)
	},
	{
		route: '/api/v1/roadmaps/[id]/comments',
		name: 'GET comments',
		path: '/api/v1/roadmaps/:R/comments',
		expect: members(200, { anonymous: 401 })
	},
	{
		route: '/api/v1/roadmaps/[id]/comments',
		name: 'GET comments of a public roadmap',
		path: '/api/v1/roadmaps/:D/comments',
		// The plan is public; its discussion is the members' (none of these is one).
		expect: signedIn(404, 401)
	},
	{
		route: '/api/v1/roadmaps/[id]/comments',
		name: 'POST a comment',
		path: '/api/v1/roadmaps/:R/comments',
		request: ({ task }) => ({ json: { taskId: task, body: 'A comment' } }),
		expect: members(201, { anonymous: 401, viewer: 403 })
	},
	{
		route: '/api/v1/roadmaps/[id]/comments/[commentId]',
		name: 'PATCH resolve a comment',
		path: '/api/v1/roadmaps/:R/comments/:C',
		request: () => ({ method: 'PATCH', json: { resolved: true } }),
		expect: members(200, { anonymous: 401, viewer: 403 })
	},
	{
		route: '/api/v1/roadmaps/[id]/comments/[commentId]',
		name: 'DELETE a comment that is not there',
		path: '/api/v1/roadmaps/:R/comments/00000000-0000-4000-8000-000000000000',
		request: () => ({ method: 'DELETE', headers: { accept: 'application/json' } }),
		// Allowed to try (commenter and above), so told it is not there.
		expect: members(404, { anonymous: 401, viewer: 403 })
	},
	{
		route: '/api/v1/roadmaps/[id]/activity',
		name: 'GET the activity feed',
		path: '/api/v1/roadmaps/:R/activity',
		expect: members(200)
	},
	{
		route: '/api/v1/roadmaps/[id]/activity',
		name: 'GET the activity feed of a public roadmap',
		path: '/api/v1/roadmaps/:D/activity',
		// As the activity page: anyone who may read the roadmap.
		expect: signedIn(200, 200)
	},
	{
		route: '/api/v1/roadmaps/[id]/activity',
		name: 'GET the activity feed with a filter that is not a person',
		path: '/api/v1/roadmaps/:R/activity?person=nobody',
		expect: members(400)
	},
	{
		route: '/api/v1/roadmaps/[id]/deleted',
		name: 'GET deleted items',
		path: '/api/v1/roadmaps/:R/deleted',
		expect: members(200, { anonymous: 401 })
	},
	{
		route: '/api/v1/roadmaps/[id]/deleted',
		name: 'GET deleted items of a public roadmap',
		path: '/api/v1/roadmaps/:D/deleted',
		// The log names who deleted what: the members' record, like the member list.
		expect: signedIn(404, 401)
	},
	{
		route: '/api/v1/roadmaps/[id]/restore',
		name: 'POST restore of something never deleted',
		path: '/api/v1/roadmaps/:R/restore',
		request: () => ({ json: { kind: 'milestone', id: 'ms-never-deleted' } }),
		// Allowed to try (editors and owners), so told there is no such deletion.
		expect: members(404, { anonymous: 401, viewer: 403, commenter: 403 })
	},
	{
		route: '/api/v1/invitations/[token]/accept',
		name: 'accept a bad invitation',
		path: '/api/v1/invitations/bad.token/accept',
		request: () => ({ json: {} }),
		expect: signedIn(404, 401)
	}
];

/** Route ids of every page and endpoint under src/routes. */
function routeIds(dir = 'src/routes'): string[] {
	const ids: string[] = [];
	for (const entry of readdirSync(dir)) {
		const path = join(dir, entry);
		if (statSync(path).isDirectory()) ids.push(...routeIds(path));
		else if (/^\+(page\.svelte|server\.ts)$/.test(entry)) {
			ids.push('/' + relative('src/routes', dir).split('\\').join('/'));
		}
	}
	return [...new Set(ids.map((id) => (id === '/' ? '/' : id.replace(/\/$/, ''))))];
}

it('the access table names every route', () => {
	const covered = new Set(ROWS.map((r) => r.route));
	expect(routeIds().filter((id) => !covered.has(id))).toEqual([]);
});

describe.each(databaseKinds())('who may do what, on %s', (kind) => {
	let app: TestApp;
	const actors = {} as Record<Who, Actor>;
	const bearers = {} as Record<Who, Actor>;
	let R: string;
	let O: string;
	let S: string;
	let T: string;
	let C: string;

	beforeAll(async () => {
		app = await startTestApp(kind);
		const db = app.services.database.db;
		const owner = await buildUser(db, { name: 'Owner' });
		const roadmap = await buildRoadmap(db, owner.id);
		R = roadmap.id;
		actors.owner = owner.browser;
		bearers.owner = await buildApiClient(db, owner.id);
		for (const role of ['viewer', 'commenter', 'editor'] as const) {
			const user = await buildUser(db, { name: role });
			await grantRole(db, R, user.id, role);
			actors[role] = user.browser;
			bearers[role] = await buildApiClient(db, user.id);
		}
		const outsider = await buildUser(db, { name: 'Outsider' });
		await buildRoadmap(db, outsider.id, { title: 'Elsewhere' });
		actors.outsider = outsider.browser;
		bearers.outsider = await buildApiClient(db, outsider.id);
		actors.anonymous = {};
		bearers.anonymous = {};
		const orgOwner = await buildUser(db, { email: uniqueEmail('org') });
		const org = await (
			await import('../../src/lib/server/accounts/organizations')
		).createOrganization(db, orgOwner.id, {
			name: 'Private org',
			sector: 'industry'
		});
		O = org.id;
		const reports = await import('../../src/lib/server/reports/build');
		const snapshots = await import('../../src/lib/server/reports/snapshots');
		const saved = await snapshots.saveSnapshot(
			db,
			R,
			owner.id,
			await reports.buildReport(db, R),
			'ko'
		);
		S = saved.id;
		const view = await (await import('../../src/lib/server/roadmaps/read')).getRoadmapView(db, R);
		T = view!.tasks[0].id;
		const comments = await import('../../src/lib/server/comments/comments');
		C = (
			await comments.createComment(db, R, owner.id, { taskId: T, milestoneId: null, body: 'Hi' })
		).comment.id;
	});
	afterAll(() => app?.close());

	const pathFor = (row: Row) =>
		row.path
			.replace(':R', R)
			.replace(':D', app.demoRoadmapId)
			.replace(':O', O)
			.replaceAll(':S', S)
			.replace(':C', C);

	for (const row of ROWS) {
		it.each(WHO)(`${row.name} as %s`, async (who) => {
			// Signing out would end the session the next rows rely on; use a throwaway one.
			let actor = actors[who];
			if (row.route === '/logout' && who !== 'anonymous') {
				actor = (await buildUser(app.services.database.db)).browser;
			}
			const response = await call(
				app,
				actor,
				pathFor(row),
				row.request?.({ app, task: T, comment: C }) ?? html
			);
			expect(response.status, `${row.name} as ${who}`).toBe(row.expect[who]);
			if (response.status === 500) throw new Error(await response.text());
		});
	}

	it.each(WHO.filter((w) => w !== 'anonymous'))(
		'the API answers the same for %s with a Bearer token',
		async (who) => {
			for (const row of ROWS.filter((r) => r.route.startsWith('/api/'))) {
				const response = await call(
					app,
					bearers[who],
					pathFor(row),
					row.request?.({ app, task: T, comment: C }) ?? html
				);
				expect(response.status, `${row.name} as ${who} (bearer)`).toBe(row.expect[who]);
			}
		}
	);
});
