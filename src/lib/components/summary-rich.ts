/**
 * The rich-text editor of a task's summary: Tiptap with Yjs collaboration, carets and the length
 * limit. Loaded on demand (SummaryEditor imports it when the browser is idle or someone reaches
 * for a summary): Tiptap and ProseMirror are about a third of the plan page's script, and every
 * summary shows as plain paragraphs until its editor is made, so the page need not parse them
 * before it shows the plan.
 */
import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { Placeholder } from '@tiptap/extensions';
import StarterKit from '@tiptap/starter-kit';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { editorUndo } from '$lib/collab/undo';
import { SummaryLimit, summaryLength } from '$lib/components/summary-limit';
import { flattenPastedTables } from '$lib/components/summary-paste';

export interface SummaryEditorOptions {
	element: HTMLElement;
	fragment: Y.XmlFragment;
	provider: WebsocketProvider;
	/** The page's undo stack (see collab/undo.ts); the editor makes its own without one. */
	undo?: Y.UndoManager;
	user: { name: string; color: string };
	editable: boolean;
	limit: number;
	/** Shown in an empty summary to those who may write it. */
	placeholder: string;
	attributes: Record<string, string>;
	onLength: (length: number) => void;
	onRefused: (dropped: number) => void;
	/** Called after an edit made here (not one that arrived from someone else). */
	onLocalChange?: () => void;
}

export function createSummaryEditor(options: SummaryEditorOptions): Editor {
	const { undo } = options;
	// The page's stack takes this editor's own edits too: y-prosemirror writes them with its key.
	undo?.addTrackedOrigin(ySyncPluginKey);
	// Set once made: its attributes ask whether it is editable, which may change later.
	let editor: Editor | undefined = undefined;
	editor = new Editor({
		element: options.element,
		editable: options.editable,
		extensions: [
			// Undo/redo belongs to Yjs here, so each person undoes only their own edits, and with
			// the page's stack when there is one, so Ctrl+Z means the same everywhere.
			StarterKit.configure({ undoRedo: false }),
			Collaboration.configure({
				fragment: options.fragment,
				yUndoOptions: undo ? { undoManager: editorUndo(undo) } : undefined
			}),
			CollaborationCaret.configure({ provider: options.provider, user: options.user }),
			SummaryLimit.configure({ limit: options.limit, onRefused: options.onRefused }),
			Placeholder.configure({ placeholder: options.placeholder })
		],
		editorProps: {
			// A pasted table keeps its rows apart: one paragraph a row (summary-paste.ts).
			transformPastedHTML: flattenPastedTables,
			// An empty summary says what belongs there to screen readers too (the Placeholder
			// extension shows it on screen); only to those who may write it.
			attributes: (state) =>
				(editor?.isEditable ?? options.editable) &&
				state.doc.childCount <= 1 && // asked first: cheap, and false for most summaries
				!state.doc.textContent
					? { ...options.attributes, 'aria-placeholder': options.placeholder }
					: options.attributes
		},
		onCreate: ({ editor }) => options.onLength(summaryLength(editor.state.doc)),
		onUpdate: ({ editor, transaction }) => {
			options.onLength(summaryLength(editor.state.doc));
			// y-prosemirror marks the transactions that carry remote changes; the ones that build
			// the view on load carry no mark, but happen in an editor nobody is typing in.
			if (editor.isFocused && !transaction.getMeta(ySyncPluginKey)?.isChangeOrigin)
				options.onLocalChange?.();
		}
	});
	return editor;
}
