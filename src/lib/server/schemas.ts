/** Input schemas shared by form actions and the JSON API, so both accept exactly the same things. */
import { z } from 'zod';
import { checkPassword } from './auth/password';
import { MAX_ENTITY_ID, TEXT_LIMITS, withoutNul } from '../roadmap/limits';
import { ROADMAP_ROLES, SECTORS } from '../roadmap/vocabulary';
import { TEMPLATES } from '../roadmap/templates';
import { INVITATION_MAX_DAYS, INVITATION_MAX_USES } from './roadmaps/invitations';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max)
		.transform((v) => v || null)
		.nullish();

export const email = z.string().trim().toLowerCase().max(254).pipe(z.email());

/** 8–256 characters as a person counts them, not an easy guess; never trimmed or truncated. */
export const password = z.string().superRefine((p, ctx) => {
	// One rule set (checkPassword); its problem is the issue's message, which forms.ts words.
	const problem = checkPassword(p);
	if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const locale = z.enum(['ko', 'en']);

export const signUpInput = z.object({ name: text(100), email, password });
export const signInInput = z.object({
	email: z.string().trim().max(254),
	password: z.string().max(1024)
});
export const profileInput = z.object({
	name: text(100),
	locale: z
		.union([locale, z.literal('')])
		.transform((v) => v || null)
		.nullish()
});
export const passwordChangeInput = z
	.object({ current: z.string().max(1024), next: password })
	// Changing to the same password changes nothing, while saying it did (and signing others out).
	.refine((v) => v.next !== v.current, { message: 'same_password', path: ['next'] });

export const organizationInput = z.object({
	name: text(TEXT_LIMITS.organizationName),
	nameEn: optionalText(TEXT_LIMITS.organizationName),
	sector: z.enum(SECTORS)
});

export const templateKey = z.enum(Object.keys(TEMPLATES) as [keyof typeof TEMPLATES]);
export const roadmapInput = z.object({
	title: text(TEXT_LIMITS.roadmapTitle),
	titleEn: optionalText(TEXT_LIMITS.roadmapTitle),
	template: templateKey.default('five-tasks')
});
export const renameInput = z.object({
	title: text(TEXT_LIMITS.roadmapTitle),
	titleEn: optionalText(TEXT_LIMITS.roadmapTitle),
	// The titles the form was showing: a rename made meanwhile by someone else is not overwritten.
	seenTitle: z.string().optional(),
	seenTitleEn: z.string().optional()
});

export const role = z.enum(ROADMAP_ROLES);
export const memberInput = z.object({ email, role });
export const invitationInput = z.object({
	role,
	email: z
		.union([email, z.literal('')])
		.transform((v) => v || null)
		.nullish(),
	expiresInDays: z.coerce.number().int().min(1).max(INVITATION_MAX_DAYS).default(7),
	maxUses: z.coerce.number().int().min(1).max(INVITATION_MAX_USES).default(1)
});
/** The longest an API token may be valid for, in days (ten years). */
export const API_TOKEN_MAX_DAYS = 3650;
export const apiTokenInput = z.object({
	name: text(100),
	// Empty: no expiry. A number out of range is refused at its field (a union would not say why).
	expiresInDays: z
		.preprocess(
			(v) => (v === '' || v === null ? undefined : v),
			z.coerce.number().int().min(1).max(API_TOKEN_MAX_DAYS).optional()
		)
		.transform((v) => v ?? null)
});

/** Form fields as a plain object (repeated names keep the last value), without U+0000. */
export function formObject(form: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of form) if (typeof value === 'string') out[key] = withoutNul(value);
	return out;
}

/** One form field as text ('' when absent or a file), as formObject reads it. */
export function formField(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? withoutNul(value) : '';
}

/** A doc id (task or milestone): what `addTask`/`addMilestone` make, with room to spare. */
const docId = z.string().trim().min(1).max(MAX_ENTITY_ID);
/** Checked for emptiness and length by the comment routes, which say which one failed. */
const commentBody = z.string().max(100_000);
export const commentInput = z.object({
	taskId: docId,
	milestoneId: docId.nullish().transform((v) => v ?? null),
	body: commentBody
});
export const commentChange = z
	.object({ body: commentBody.optional(), resolved: z.boolean().optional() })
	.refine((v) => (v.body === undefined) !== (v.resolved === undefined), {
		message: 'Send either body or resolved'
	});
export const commentQuery = z.object({
	taskId: docId.optional(),
	milestoneId: docId.optional(),
	state: z.enum(['open', 'resolved', 'all']).default('all')
});

/** A deleted task or milestone to bring back (POST …/restore). */
export const restoreInput = z.object({ kind: z.enum(['task', 'milestone']), id: docId });

/** `{ ids }` marks those of your mention notices read; `{ all: true }` marks every one. */
export const mentionsRead = z.union(
	[
		z.object({ ids: z.array(z.uuid()).min(1).max(200) }).strict(),
		z.object({ all: z.literal(true) }).strict()
	],
	{ error: 'Send {"ids": [...]} with 1 to 200 notice ids, or {"all": true}' }
);
export const mentionsQuery = z.object({
	unread: z.enum(['true', 'false']).default('false'),
	limit: z.coerce.number().int().min(1).max(200).default(50)
});
