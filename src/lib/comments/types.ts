/** Comments as the JSON API returns them and the page shows them (docs/API.md). */

export interface CommentTarget {
	taskId: string;
	/** Null: the task's own thread. */
	milestoneId: string | null;
}

export interface Person {
	id: string;
	name: string;
}

/** A comment; a deleted one keeps its place in the thread but not its words. */
export interface CommentView extends CommentTarget {
	id: string;
	/** Plain text; `<@user-uuid>` marks a mention (see ./mentions.ts). */
	body: string;
	mentions: Person[];
	/** Null once the author's account is gone. */
	author: Person | null;
	createdAt: string;
	editedAt: string | null;
	deletedAt: string | null;
	resolvedAt: string | null;
	resolvedBy: Person | null;
}

/** What the reader may do with the roadmap's comments. */
export interface CommentRights {
	id: string;
	canComment: boolean;
	/** The roadmap is archived: nobody comments, whatever their role. */
	archived?: boolean;
	/** Owners may delete anyone's comment. */
	canDeleteAny: boolean;
}

/** A text in both languages, as the page picks one (the other when one is empty). */
export interface Bilingual {
	ko: string;
	en: string;
}

/** "Someone mentioned you": one notice as the JSON API returns it (docs/API.md). */
export interface MentionNotice {
	id: string;
	createdAt: string;
	/** Null while unread. */
	readAt: string | null;
	roadmap: { id: string; title: Bilingual };
	commentId: string;
	taskId: string;
	milestoneId: string | null;
	/** Who wrote the comment; null once their account is gone. */
	author: Person | null;
	/** The title of the task or milestone the comment is on (empty if it was deleted since). */
	target: Bilingual;
}
