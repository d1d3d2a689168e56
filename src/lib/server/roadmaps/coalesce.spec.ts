import { describe, expect, it } from 'vitest';
import { coalesce, CO_EDITING_MS, STATUS_COALESCE_MS } from './projection';

const now = new Date('2026-12-03T10:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const edit = (userId: string, field = 'titleKo', after: unknown = 'new') => ({
	roadmapId: 'r',
	userId,
	entityType: 'task',
	entityId: 't1',
	field,
	before: 'old',
	after
});
const row = (id: number, userId: string, at: Date, field = 'titleKo') => ({
	id,
	userId,
	entityType: 'task',
	entityId: 't1',
	field,
	at
});

describe('coalesce', () => {
	it("continues one's own latest edit of a field when nobody else edited it since", () => {
		const { merged, fresh } = coalesce('kim', [edit('kim')], [row(7, 'kim', ago(60_000))], now);
		expect(merged).toEqual([{ id: 7, after: 'new' }]);
		expect(fresh).toEqual([]);
	});

	it('keeps a status set minutes ago as its own change; a slip put right at once is one', () => {
		const status = edit('kim', 'status', 'done');
		const fiveMinutes = [row(7, 'kim', ago(5 * 60_000), 'status')];
		expect(coalesce('kim', [status], fiveMinutes, now)).toEqual({ merged: [], fresh: [status] });
		const justNow = [row(7, 'kim', ago(STATUS_COALESCE_MS - 1_000), 'status')];
		expect(coalesce('kim', [status], justNow, now).merged).toEqual([{ id: 7, after: 'done' }]);
		// Progress, typed or dragged in steps, still folds over minutes.
		const progress = edit('kim', 'progress', 40);
		const earlier = [row(7, 'kim', ago(5 * 60_000), 'progress')];
		expect(coalesce('kim', [progress], earlier, now).merged).toEqual([{ id: 7, after: 40 }]);
	});

	it('keeps one row each for two people typing in one field together', () => {
		// Lee's edit came after Kim's, but Kim's own is seconds old: they type together.
		const latest = [row(7, 'kim', ago(800)), row(8, 'lee', ago(300))];
		const committed = ago(200);
		expect(coalesce('kim', [edit('kim')], latest, now, committed).merged).toEqual([
			{ id: 7, after: 'new' }
		]);
		expect(coalesce('lee', [edit('lee')], latest, now, committed).merged).toEqual([
			{ id: 8, after: 'new' }
		]);
	});

	it("never merges a status, date or progress across someone else's change of it", () => {
		// Kim set the status, Lee set another a moment later, Kim set a third: three decisions,
		// and Kim's last one replaced Lee's value, not the one Kim's first row started from.
		const latest = [row(7, 'kim', ago(800), 'status'), row(8, 'lee', ago(300), 'status')];
		const committed = ago(200);
		for (const field of ['status', 'dueDate', 'progress']) {
			const moved = latest.map((r) => ({ ...r, field }));
			const { merged, fresh } = coalesce('kim', [edit('kim', field)], moved, now, committed);
			expect(merged).toEqual([]);
			expect(fresh).toEqual([edit('kim', field)]);
		}
		// Typed text still keeps one row each: titles, summaries, descriptions, the overview.
		for (const field of ['titleEn', 'summaryKo', 'descriptionEn', 'overviewKo']) {
			const typed = latest.map((r) => ({ ...r, field }));
			expect(coalesce('kim', [edit('kim', field)], typed, now, committed).merged).toEqual([
				{ id: 7, after: 'new' }
			]);
		}
	});

	it('keeps a row per turn when catching up on older commits (rows all dated now)', () => {
		const latest = [row(7, 'kim', now), row(8, 'lee', now)];
		const { merged, fresh } = coalesce('kim', [edit('kim')], latest, now, ago(3_600_000));
		expect(merged).toEqual([]);
		expect(fresh).toEqual([edit('kim')]);
		expect(coalesce('kim', [edit('kim')], latest, now).fresh).toHaveLength(1); // time unknown
	});

	it('starts a new row for a turn taken after someone else edited the field', () => {
		const latest = [row(7, 'kim', ago(CO_EDITING_MS + 1)), row(8, 'lee', ago(1_000))];
		const { merged, fresh } = coalesce('kim', [edit('kim')], latest, now, ago(100));
		expect(merged).toEqual([]);
		expect(fresh).toEqual([edit('kim')]);
	});

	it('never merges whole-entity events, other fields, or edits with no author', () => {
		const latest = [row(7, 'kim', ago(100)), row(9, 'kim', ago(100), 'created')];
		const created = edit('kim', 'created', null);
		expect(coalesce('kim', [created], latest, now).fresh).toEqual([created]);
		expect(coalesce('kim', [edit('kim', 'status')], latest, now).fresh).toHaveLength(1);
		expect(coalesce(null, [edit('kim')], latest, now).fresh).toHaveLength(1);
	});
});
