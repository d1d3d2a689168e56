/**
 * Undo and redo of one person's own changes to the plan: one Y.UndoManager per page over the
 * plan's shared types (meta, tasks, milestones), fed only by this page's own edits.
 *
 * What is one's own is told by the transaction's origin: the plan helpers write with none (null),
 * a bound title field with its TextBinding, a rich summary with y-prosemirror's sync key. A peer's
 * changes arrive with the provider as origin and y-indexeddb's restore with its persistence, so
 * neither is ever undone; bookkeeping (edit times, shapes filled in) is left out on purpose.
 *
 * One stack serves the whole page, rich summaries included: a summary's editor is handed this
 * manager (editorUndo) instead of making its own, so Ctrl+Z in a summary undoes the page's last
 * step, as it does anywhere else on the page. Two stacks would make Ctrl+Z's meaning depend on
 * where the caret happens to be, and the buttons could not say what they would undo.
 */
import * as Y from 'yjs';
import { metaMap, milestonesMap, tasksMap } from '../roadmap/doc';
import { TextBinding } from './text-binding';

export interface PlanUndoOptions {
	/** Edits closer together than this (ms) are one step; a pause, or a new field, starts another. */
	captureTimeout?: number;
}

/**
 * Undoes or redoes one step at most. Yjs's own undo passes over a step that changes nothing any
 * more (what it changed, someone else has changed since) and goes on to the one before: one
 * Ctrl+Z after moving a bar that a colleague then moved again put back, silently, the dates of
 * another task set minutes earlier. Here such a step is only dropped, undo() answers null, and
 * the page says why nothing moved; the next press undoes the step before.
 */
export class PlanUndoManager extends Y.UndoManager {
	override undo(): ReturnType<Y.UndoManager['undo']> {
		return this.topStepOnly('undoStack', () => super.undo());
	}

	override redo(): ReturnType<Y.UndoManager['redo']> {
		return this.topStepOnly('redoStack', () => super.redo());
	}

	private topStepOnly<T>(stack: 'undoStack' | 'redoStack', run: () => T): T {
		// Yjs pops until a step changes something: let it see only the top one.
		const older = this[stack].splice(0, Math.max(0, this[stack].length - 1));
		try {
			return run();
		} finally {
			this[stack].unshift(...older);
		}
	}
}

/** The undo manager of one page; call stopCapturing() when focus moves to another field. */
export function createPlanUndo(doc: Y.Doc, options: PlanUndoOptions = {}): PlanUndoManager {
	// A rich summary's editor adds y-prosemirror's key when it is made (summary-rich.ts).
	const origins = new Set<unknown>([null, TextBinding]);
	return new PlanUndoManager([metaMap(doc), tasksMap(doc), milestonesMap(doc)], {
		captureTimeout: options.captureTimeout ?? 800,
		trackedOrigins: origins,
		// y-prosemirror marks transactions that must not be a step (e.g. the first render).
		captureTransaction: (tr) => tr.meta.get('addToHistory') !== false,
		deleteFilter: keepParagraphs
	});
}

/**
 * As y-prosemirror's own undo does: undoing never removes a summary paragraph that has text in
 * it (ProseMirror would be left with an invalid document); everything else may go.
 */
function keepParagraphs(item: Y.Item): boolean {
	if (!(item.content instanceof Y.ContentType)) return true;
	const type = item.content.type;
	const protectedNode =
		type instanceof Y.XmlText || (type instanceof Y.XmlElement && type.nodeName === 'paragraph');
	return !protectedNode || type._length === 0;
}

/**
 * The page's manager as one rich-text editor may hold it: y-prosemirror's undo plugin destroys
 * the manager it holds when its editor goes (a task deleted, the page re-rendered), so this
 * view only removes the listeners that editor added, and the page's stack lives on.
 */
export function editorUndo(manager: Y.UndoManager): Y.UndoManager {
	const added: [string, (...args: never[]) => void][] = [];
	return new Proxy(manager, {
		get(target, key) {
			if (key === 'on')
				return (name: string, listener: (...args: never[]) => void) => {
					added.push([name, listener]);
					target.on(name as never, listener as never);
				};
			if (key === 'destroy')
				return () => {
					for (const [name, listener] of added.splice(0))
						target.off(name as never, listener as never);
				};
			const value = Reflect.get(target, key, target);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
}

/** Which history command a key press asks for: Ctrl/Cmd+Z undo, Shift+Ctrl/Cmd+Z or Ctrl+Y redo. */
export function historyCommand(
	event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>
): 'undo' | 'redo' | null {
	if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
	// With the Korean input method on, the key is a jamo (ㅋ): the physical key says which.
	const key = /^[a-z]$/i.test(event.key)
		? event.key.toLowerCase()
		: ({ KeyZ: 'z', KeyY: 'y' } as Record<string, string>)[event.code];
	if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
	if (key === 'y' && !event.shiftKey) return 'redo';
	return null;
}
