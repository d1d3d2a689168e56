/**
 * The page's copy of a roadmap's comments, shared by every thread on it through context. It
 * reads them with the reader's own rights; a notice over the collaboration socket ("this
 * thread changed") makes it read that task's threads again, so other people's comments appear
 * within a moment. Writes go through the JSON API and update the copy with its answer at once.
 */
import { getContext, setContext } from 'svelte';
import type { CommentRights, CommentTarget, CommentView, Person } from './types';

const KEY = Symbol('comment-threads');

/** Why a write failed, as the API's error code ('network' when it could not be asked). */
export type WriteFailure = { code: string; message: string };

export class CommentThreads {
	/** False until read, and for readers who may not see comments (public link): show nothing. */
	available = $state(false);
	rights = $state<CommentRights | null>(null);
	comments = $state<CommentView[]>([]);

	constructor(
		private readonly roadmapId: () => string,
		/** The roadmap's members, for mentions (read when needed: the page may learn more). */
		readonly people: () => (Person & { isMember: boolean })[]
	) {}

	private get base() {
		return `/api/v1/roadmaps/${this.roadmapId()}/comments`;
	}

	/** Reads every thread again, or one task's (its own and its milestones'). */
	async refresh(taskId?: string): Promise<void> {
		const url = taskId ? `${this.base}?taskId=${encodeURIComponent(taskId)}` : this.base;
		let response: Response;
		try {
			response = await fetch(url, { headers: { accept: 'application/json' } });
		} catch {
			return; // offline: the next reconnect reads everything again
		}
		if (!response.ok) {
			if (response.status === 401 || response.status === 403 || response.status === 404)
				this.available = false;
			return;
		}
		const body = (await response.json()) as { comments: CommentView[]; you: CommentRights };
		this.rights = body.you;
		this.comments = taskId
			? [...this.comments.filter((c) => c.taskId !== taskId), ...body.comments].sort(byTime)
			: body.comments;
		this.available = true;
	}

	/** Comments by thread, built once per change: a roadmap can have thousands of milestones. */
	private readonly byThread = $derived.by(() => {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- rebuilt on every change, never mutated after
		const threads = new Map<string, CommentView[]>();
		for (const c of this.comments) {
			const key = threadKey(c);
			const list = threads.get(key);
			if (list) list.push(c);
			else threads.set(key, [c]);
		}
		return threads;
	});

	thread(target: CommentTarget): CommentView[] {
		return this.byThread.get(threadKey(target)) ?? [];
	}

	openCount(target: CommentTarget): number {
		return this.thread(target).filter((c) => !c.resolvedAt && !c.deletedAt).length;
	}

	create(target: CommentTarget, body: string) {
		return this.write('POST', this.base, { ...target, body });
	}

	edit(id: string, body: string) {
		return this.write('PATCH', `${this.base}/${id}`, { body });
	}

	resolve(id: string, resolved: boolean) {
		return this.write('PATCH', `${this.base}/${id}`, { resolved });
	}

	remove(id: string) {
		return this.write('DELETE', `${this.base}/${id}`);
	}

	/** Sends a write; on success the comment it returns replaces (or joins) our copy. */
	private async write(method: string, url: string, body?: unknown): Promise<WriteFailure | null> {
		let response: Response;
		try {
			response = await fetch(url, {
				method,
				headers: { 'content-type': 'application/json', accept: 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body)
			});
		} catch {
			return { code: 'network', message: '' };
		}
		const answer = (await response.json().catch(() => ({}))) as {
			comment?: CommentView;
			error?: WriteFailure;
		};
		if (!response.ok || !answer.comment)
			return answer.error ?? { code: 'unknown', message: String(response.status) };
		const comment = answer.comment;
		this.comments = [...this.comments.filter((c) => c.id !== comment.id), comment].sort(byTime);
		return null;
	}
}

const threadKey = (t: CommentTarget) => `${t.taskId}\u0000${t.milestoneId ?? ''}`;

const byTime = (a: CommentView, b: CommentView) =>
	a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1;

export const provideCommentThreads = (threads: CommentThreads) => setContext(KEY, threads);
/** The page's threads, or undefined on a page that does not show comments. */
export const commentThreads = () => getContext<CommentThreads | undefined>(KEY);
