/**
 * A task's summary as its rich text holds it (the Tiptap/ProseMirror tree of Y.XmlElements and
 * formatted Y.XmlTexts), as plain JSON, and back. The projection keeps only a summary's text;
 * this is what a deleted task's copy keeps as well (projector.ts reads it just before the
 * deletion is applied), so a restore gives back its bold, lists and links.
 */
import * as Y from 'yjs';

/** Formatting of a run of text: y-prosemirror stores each mark under its name, with its attrs. */
export type RichAttributes = Record<string, unknown>;

export type RichNode =
	| { element: string; attrs: Record<string, unknown>; children: RichNode[] }
	| { text: { insert: string; attributes?: RichAttributes }[] };

/** Deeper than any summary's lists go: a copy nested further is cut there, not followed. */
const MAX_DEPTH = 40;

/** The fragment's content as JSON. */
export function richSummaryOf(fragment: Y.XmlFragment): RichNode[] {
	return fragment.toArray().flatMap((node) => nodeOf(node, 0));
}

function nodeOf(node: unknown, depth: number): RichNode[] {
	if (depth > MAX_DEPTH) return [];
	if (node instanceof Y.XmlText) {
		const ops = (node.toDelta() as { insert: unknown; attributes?: RichAttributes }[]).flatMap(
			(op) =>
				typeof op.insert === 'string'
					? [
							op.attributes
								? { insert: op.insert, attributes: op.attributes }
								: { insert: op.insert }
						]
					: []
		);
		return [{ text: ops }];
	}
	if (node instanceof Y.XmlElement)
		return [
			{
				element: node.nodeName,
				attrs: { ...node.getAttributes() },
				children: node.toArray().flatMap((child) => nodeOf(child, depth + 1))
			}
		];
	return [];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	!!value && typeof value === 'object' && !Array.isArray(value);

/** A stored copy, checked: what of it has the shape above (null when it is not a list at all). */
export function richSummaryFrom(value: unknown): RichNode[] | null {
	return Array.isArray(value) ? value.flatMap((node) => checked(node, 0)) : null;
}

function checked(node: unknown, depth: number): RichNode[] {
	if (!isRecord(node) || depth > MAX_DEPTH) return [];
	if (Array.isArray(node.text))
		return [
			{
				text: node.text.flatMap((op) =>
					isRecord(op) && typeof op.insert === 'string'
						? [
								isRecord(op.attributes)
									? { insert: op.insert, attributes: op.attributes }
									: { insert: op.insert }
							]
						: []
				)
			}
		];
	// Element names as Yjs and the DOM take them (ProseMirror's node names are such words).
	if (typeof node.element !== 'string' || !/^[A-Za-z][\w-]{0,63}$/.test(node.element)) return [];
	return [
		{
			element: node.element,
			attrs: isRecord(node.attrs) ? node.attrs : {},
			children: Array.isArray(node.children)
				? node.children.flatMap((child) => checked(child, depth + 1))
				: []
		}
	];
}

/** Replaces the fragment's content with `nodes`. */
export function writeRichSummary(fragment: Y.XmlFragment, nodes: RichNode[]): void {
	if (fragment.length) fragment.delete(0, fragment.length);
	fragment.insert(0, nodes.map(typeOf));
}

function typeOf(node: RichNode): Y.XmlElement | Y.XmlText {
	if ('text' in node) {
		const text = new Y.XmlText();
		// Formatting goes in with the text once the type is in the doc (applyDelta needs it there):
		// a prelim XmlText keeps the ops until then.
		text.applyDelta(node.text);
		return text;
	}
	const element = new Y.XmlElement(node.element);
	for (const [key, value] of Object.entries(node.attrs)) element.setAttribute(key, value as string);
	element.insert(0, node.children.map(typeOf));
	return element;
}
