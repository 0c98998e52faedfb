import { DateTime } from 'luxon';

import type { Dashboard, DashboardBreakdown } from './dashboard';
import { DASHBOARD_TREND_DAYS } from './dashboard';
import type { HealthBand, HealthFigures } from './health';
import { STABLE_NET_SCORE_CHANGE } from './summary';

/**
 * The dashboard as one HTML page: everything inline (no scripts, styles or fonts fetched from
 * anywhere), every value from the data escaped, since account names and agents come from the
 * helpdesk. The tables are complete without scripts; the small inline script only sorts (click a
 * heading) and filters (search box, band) rows that are already there.
 */

const BAND_NAMES: Record<HealthBand, string> = {
	strong: 'Strong',
	healthy: 'Healthy',
	strained: 'Strained',
	at_risk: 'At risk',
};

export function dashboardHtml(
	dashboard: Dashboard,
	title = 'Customer sentiment by account',
): string {
	const atRisk = dashboard.accounts.filter((account) => account.figures.band === 'at_risk').length;
	const accountRows = dashboard.accounts
		.map((account) => {
			const name = account.accountName ?? account.accountId ?? 'No account';
			const band = account.figures.band;
			return `<tr data-band="${escapeHtml(band ?? '')}">
<td data-sort="${escapeHtml(name.toLowerCase())}"><strong>${escapeHtml(name)}</strong>${account.accountName && account.accountId ? `<br><small>${escapeHtml(account.accountId)}</small>` : ''}</td>
<td data-sort="${band ? ['strong', 'healthy', 'strained', 'at_risk'].indexOf(band) : -1}">${bandBadge(account.figures)}</td>
${numberCell(account.figures.netScore, signed)}
${numberCell(account.figures.negativeShare, percent)}
${numberCell(account.neutralDrift, points)}
${DASHBOARD_TREND_DAYS.map((days) => numberCell(account.trend[days], trendArrow)).join('\n')}
${casesCell(account.figures)}
<td>${account.drivers.length === 0 ? '<span class="muted">none</span>' : account.drivers.map((driver) => `${escapeHtml(driver.signal.replace(/_/g, ' '))} (${driver.cases})`).join(', ')}</td>
</tr>`;
		})
		.join('\n');
	const recoveryRows = dashboard.recovery
		.map(
			(agent) => `<tr>
<td data-sort="${escapeHtml(agent.agent.toLowerCase())}">${escapeHtml(agent.agent)}</td>
<td data-sort="${agent.replies}">${agent.replies}</td>
${numberCell(agent.scoreBefore, signed)}
${numberCell(agent.scoreAfter, signed)}
<td data-sort="${agent.negativeCases}">${agent.negativeCases}</td>
${numberCell(agent.recoveryRate, percent)}
</tr>`,
		)
		.join('\n');

	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:0;background:#f5f6f8;color:#1f2430}
header{background:#1f2430;color:#fff;padding:18px 28px}header h1{margin:0;font-size:22px}header p{margin:4px 0 0;color:#c9ccd4;font-size:14px}
main{padding:20px 28px;max-width:1400px}
.tiles{display:flex;gap:14px;flex-wrap:wrap;margin-bottom:20px}
.tile{background:#fff;border-radius:8px;padding:14px 18px;min-width:150px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.tile b{display:block;font-size:26px}.tile span{color:#5b6170;font-size:13px}
section{background:#fff;border-radius:8px;padding:16px 18px;margin-bottom:20px;box-shadow:0 1px 2px rgba(0,0,0,.08);overflow-x:auto}
h2{font-size:17px;margin:0 0 10px}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:left;padding:7px 9px;border-bottom:1px solid #e6e8ec;vertical-align:top}
th{cursor:pointer;user-select:none;color:#5b6170;font-weight:600;white-space:nowrap}th:after{content:" \\2195";color:#b6bac4}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.badge{display:inline-block;border-radius:10px;padding:2px 9px;font-size:12px;font-weight:600}
.strong{background:#d9f2e3;color:#17663a}.healthy{background:#e3eefc;color:#1d4f91}.strained{background:#fff1cc;color:#7a5600}.at_risk{background:#fddede;color:#9b1c1c}
.up{color:#17663a}.down{color:#9b1c1c}.muted{color:#9096a3}small{color:#7a8090}
.filters{display:flex;gap:10px;margin-bottom:10px}input,select{font:inherit;padding:5px 8px;border:1px solid #cfd3da;border-radius:6px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(440px,1fr));gap:20px}
</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1><p>Last ${dashboard.windowDays} days, ${dashboard.cases} cases, as of ${escapeHtml(DateTime.fromISO(dashboard.generatedAt, { zone: 'utc' }).toFormat("d LLL yyyy, HH:mm 'UTC'"))}</p></header>
<main>
<div class="tiles">
<div class="tile"><b>${dashboard.accounts.length}</b><span>accounts</span></div>
<div class="tile"><b>${dashboard.cases}</b><span>cases</span></div>
<div class="tile"><b>${formatOrDash(dashboard.figures.netScore, signed)}</b><span>net score (-1 to 1)</span></div>
<div class="tile"><b>${formatOrDash(dashboard.figures.negativeShare, percent)}</b><span>negative cases</span></div>
<div class="tile"><b>${atRisk}</b><span>accounts at risk</span></div>
</div>
<section>
<h2>Accounts</h2>
<div class="filters"><input id="search" type="search" placeholder="Filter accounts" aria-label="Filter accounts">
<select id="band" aria-label="Health band"><option value="">All bands</option>${Object.entries(
		BAND_NAMES,
	)
		.map(([band, name]) => `<option value="${band}">${name}</option>`)
		.join('')}</select></div>
<table id="accounts"><thead><tr><th>Account</th><th>Health</th><th>Net score</th><th>Negative</th><th>Neutral drift</th>${DASHBOARD_TREND_DAYS.map((days) => `<th>Trend ${days} d</th>`).join('')}<th>Cases</th><th>Main drivers</th></tr></thead>
<tbody>
${accountRows || '<tr><td colspan="11" class="muted">No classified cases in the window.</td></tr>'}
</tbody></table>
</section>
<div class="grid">
${breakdownSection('By agent', dashboard.byAgent)}
${breakdownSection('By channel', dashboard.byChannel)}
${breakdownSection('By priority', dashboard.byPriority)}
</div>
<section>
<h2>Agent recovery</h2>
<table><thead><tr><th>Agent</th><th>Replies measured</th><th>Score before</th><th>Score after</th><th>Negative cases</th><th>Recovered</th></tr></thead>
<tbody>
${recoveryRows || '<tr><td colspan="6" class="muted">No case was classified both before and after an agent reply.</td></tr>'}
</tbody></table>
</section>
</main>
<script>
(function () {
	function sortable(table) {
		var heads = table.tHead.rows[0].cells;
		for (var i = 0; i < heads.length; i++) (function (column) {
			var ascending = false;
			heads[column].addEventListener('click', function () {
				ascending = !ascending;
				var rows = Array.prototype.slice.call(table.tBodies[0].rows);
				rows.sort(function (a, b) {
					var x = a.cells[column] && a.cells[column].getAttribute('data-sort');
					var y = b.cells[column] && b.cells[column].getAttribute('data-sort');
					// A cell without a value (no scored case) goes last whichever way the column sorts.
					if (!x || !y) return (x ? 0 : 1) - (y ? 0 : 1);
					var nx = parseFloat(x), ny = parseFloat(y);
					var order = !isNaN(nx) && !isNaN(ny) ? nx - ny : String(x).localeCompare(String(y));
					return ascending ? order : -order;
				});
				rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
			});
		})(i);
	}
	Array.prototype.forEach.call(document.querySelectorAll('table'), sortable);
	var search = document.getElementById('search'), band = document.getElementById('band');
	function filter() {
		var text = search.value.toLowerCase(), wanted = band.value;
		Array.prototype.forEach.call(document.querySelectorAll('#accounts tbody tr[data-band]'), function (row) {
			var show = row.cells[0].textContent.toLowerCase().indexOf(text) >= 0 && (!wanted || row.getAttribute('data-band') === wanted);
			row.style.display = show ? '' : 'none';
		});
	}
	search.addEventListener('input', filter);
	band.addEventListener('change', filter);
})();
</script>
</body>
</html>
`;
}

function breakdownSection(title: string, rows: readonly DashboardBreakdown[]): string {
	const body = rows
		.map(
			(
				row,
			) => `<tr><td data-sort="${escapeHtml(row.value.toLowerCase())}">${escapeHtml(row.value)}</td>
${casesCell(row.figures)}
${numberCell(row.figures.netScore, signed)}
${numberCell(row.figures.negativeShare, percent)}
<td>${bandBadge(row.figures)}</td></tr>`,
		)
		.join('\n');
	return `<section><h2>${escapeHtml(title)}</h2>
<table><thead><tr><th>${escapeHtml(title.replace(/^By /, '').replace(/^\w/, (c) => c.toUpperCase()))}</th><th>Cases</th><th>Net score</th><th>Negative</th><th>Health</th></tr></thead>
<tbody>${body || '<tr><td colspan="5" class="muted">No cases.</td></tr>'}</tbody></table></section>`;
}

function bandBadge({ band, notAnalysed }: HealthFigures): string {
	if (band) return `<span class="badge ${band}">${BAND_NAMES[band]}</span>`;
	return notAnalysed > 0
		? '<span class="muted" title="The engine could not read these cases (language)">Not analysed</span>'
		: '<span class="muted">-</span>';
}

/** Every case in the row, with those the engine could not read said apart. */
function casesCell({ scored, notAnalysed }: HealthFigures): string {
	const total = scored + notAnalysed;
	const unread = notAnalysed > 0 ? ` <small>(${notAnalysed} not analysed)</small>` : '';
	return `<td data-sort="${total}">${total}${unread}</td>`;
}

function numberCell(value: number | null, format: (value: number) => string): string {
	return `<td class="num" data-sort="${value ?? ''}">${formatOrDash(value, format)}</td>`;
}

function formatOrDash(value: number | null, format: (value: number) => string): string {
	return value === null ? '<span class="muted">-</span>' : format(value);
}

const signed = (value: number) => (value > 0 ? '+' : '') + value.toFixed(2);
const percent = (value: number) => `${Math.round(value * 100)} %`;
const points = (value: number) => `${value > 0 ? '+' : ''}${Math.round(value * 100)} pts`;
const trendArrow = (value: number) =>
	value > STABLE_NET_SCORE_CHANGE
		? `<span class="up">&#9650; ${signed(value)}</span>`
		: value < -STABLE_NET_SCORE_CHANGE
			? `<span class="down">&#9660; ${signed(value)}</span>`
			: `<span class="muted">&#9644; ${signed(value)}</span>`;

export function escapeHtml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}
