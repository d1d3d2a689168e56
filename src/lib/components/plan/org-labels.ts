/**
 * Names for organizations in a picker. Two organizations may read the same in one language (an
 * English-only "Ministry of Science and ICT" and 과학기술정보통신부 with that English name):
 * then each says which it is, by its other name or else its sector.
 */
import { localized, sectorLabel } from '$lib/i18n/labels';
import type { OrgOption } from './types';

export function orgLabels(
	orgs: readonly OrgOption[],
	locale: string,
	sectorName: (sector: OrgOption['sector']) => string = sectorLabel
): Map<string, string> {
	const shown = new Map(orgs.map((org) => [org.id, localized(locale, org.name, org.nameEn)]));
	const uses = new Map<string, number>();
	for (const label of shown.values()) uses.set(label, (uses.get(label) ?? 0) + 1);
	return new Map(
		orgs.map((org) => {
			const label = shown.get(org.id)!;
			if (uses.get(label)! < 2) return [org.id, label];
			const other = [org.name, org.nameEn ?? ''].find((name) => name.trim() && name !== label);
			return [org.id, `${label} (${other ?? sectorName(org.sector)})`];
		})
	);
}
