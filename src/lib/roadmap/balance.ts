/**
 * Sector balance: for each task, which sectors lead and support it. A task's owners and its
 * milestones' owners all count (each organization or person once, in the strongest role they
 * hold there); people count through their organization's sector, and a person without one counts
 * for no sector. A task is flagged when nobody leads it, or when government, industry or academia
 * neither leads nor supports it (consulted and informed are not partners in the work).
 */
import type { RoadmapData } from './doc';
import { OWNER_ROLES, SECTORS, type OwnerRole, type Sector } from './vocabulary';

/** The sectors a policy roadmap is expected to bring together. */
export const PARTNER_SECTORS: readonly Sector[] = ['government', 'industry', 'academia'];

export interface SectorShare {
	/** The strongest role anyone of this sector holds on the task, or null when none is on it. */
	role: OwnerRole | null;
	/** How many organizations and people of this sector are on the task, in any role. */
	count: number;
	/**
	 * Those same owners by the strongest role each holds on the task: "3 on it" alone read as three
	 * partners where two were only consulted.
	 */
	byRole: Record<OwnerRole, number>;
}

export interface TaskBalance {
	taskId: string;
	/** Every sector, in SECTORS order. */
	sectors: Record<Sector, SectorShare>;
	/** Somebody (of any sector, or none) leads the task or one of its milestones. */
	hasLead: boolean;
	/** It is led, but only by people without an organization: no sector column shows the lead. */
	leadWithoutSector: boolean;
	/** Partner sectors that neither lead nor support the task. */
	missing: Sector[];
}

const stronger = (a: OwnerRole | null, b: OwnerRole) =>
	a === null || OWNER_ROLES.indexOf(b) < OWNER_ROLES.indexOf(a) ? b : a;

const emptyShare = (): SectorShare => ({
	role: null,
	count: 0,
	byRole: Object.fromEntries(OWNER_ROLES.map((r) => [r, 0])) as Record<OwnerRole, number>
});

export function sectorBalance(data: RoadmapData, orgSectors: Map<string, Sector>): TaskBalance[] {
	return data.tasks.map((task) => {
		const owners = [
			...Object.values(task.owners),
			...data.milestones
				.filter((ms) => ms.taskId === task.id)
				.flatMap((ms) => Object.values(ms.owners))
		];
		// Each organization or person once, in their strongest role on this task.
		const roles = new Map<string, { id: string; role: OwnerRole }>();
		for (const o of owners) {
			const key = `${o.kind}:${o.id}`;
			roles.set(key, { id: o.id, role: stronger(roles.get(key)?.role ?? null, o.role) });
		}
		const sectors = Object.fromEntries(SECTORS.map((s) => [s, emptyShare()])) as Record<
			Sector,
			SectorShare
		>;
		for (const { id, role } of roles.values()) {
			const sector = orgSectors.get(id);
			if (!sector) continue;
			sectors[sector].role = stronger(sectors[sector].role, role);
			sectors[sector].count += 1;
			sectors[sector].byRole[role] += 1;
		}
		const hasLead = [...roles.values()].some((o) => o.role === 'lead');
		return {
			taskId: task.id,
			sectors,
			hasLead,
			leadWithoutSector: hasLead && !SECTORS.some((s) => sectors[s].role === 'lead'),
			missing: PARTNER_SECTORS.filter(
				(s) => sectors[s].role !== 'lead' && sectors[s].role !== 'support'
			)
		};
	});
}

/**
 * The balance of the tasks a filtered view lists, each judged on the whole plan: a filter narrows
 * the list, not the verdict ("sector: government" hides an academic partner's milestone, and the
 * task still has that partner).
 */
export function listedBalances(
	whole: RoadmapData,
	shown: RoadmapData,
	orgSectors: Map<string, Sector>
): TaskBalance[] {
	const listed = new Set(shown.tasks.map((t) => t.id));
	return sectorBalance(whole, orgSectors).filter((balance) => listed.has(balance.taskId));
}
