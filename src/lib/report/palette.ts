/**
 * Colours of report graphics, shared by the page's SVG and the PDF so both read the same. Status
 * colours follow the usual traffic-light meaning; sector colours are the app's (src/app.css).
 */
import type { Sector } from '../roadmap/vocabulary';
import type { ReportMilestoneStatus } from './model';

export const REPORT_COLORS = {
	ink: '#14213d',
	text: '#1f2933',
	muted: '#5f6b7a',
	line: '#d9dee5',
	track: '#e6eaf0',
	accent: '#1d5fd1',
	today: '#c81e1e',
	overdue: '#c81e1e'
} as const;

export const MILESTONE_COLORS: Record<ReportMilestoneStatus, string> = {
	planned: '#8a94a3',
	in_progress: '#1d5fd1',
	done: '#15803d',
	cancelled: '#c4cad3',
	at_risk: '#d97706',
	blocked: '#c81e1e'
};

export const SECTOR_COLORS: Record<Sector, string> = {
	government: '#1d5fd1',
	industry: '#c2410c',
	academia: '#0f766e',
	other: '#6b7280'
};

/** One colour per task line in the trend chart (the overall line is ink). Cycles past eight. */
const SERIES = [
	'#1d5fd1',
	'#c2410c',
	'#0f766e',
	'#7c3aed',
	'#b45309',
	'#be185d',
	'#0369a1',
	'#4d7c0f'
];
export const seriesColor = (taskNumber: number) =>
	taskNumber === 0 ? REPORT_COLORS.ink : SERIES[(taskNumber - 1) % SERIES.length];
