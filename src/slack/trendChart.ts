import { Resvg } from "@resvg/resvg-js";
import type { DigestData } from "../domain/digest/data.js";
import type { Decision } from "../domain/personas/verdict.js";

const SERIES: { key: Decision; label: string; colour: string }[] = [
  { key: "pass", label: "pass", colour: "#2eb67d" },
  { key: "review", label: "review", colour: "#ecb22e" },
  { key: "reject", label: "reject", colour: "#e01e5a" },
  { key: "needs_info", label: "needs info", colour: "#9aa0a6" },
];

const W = 640;
const H = 300;
const PAD = { left: 48, right: 16, top: 36, bottom: 56 };

const esc = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The last weeks' checks by decision as stacked bars, as SVG (drawn here: eight bars need no charting
 * library). */
export function trendSvg(trend: DigestData["trend"]): string {
  const max = Math.max(1, ...trend.map((w) => SERIES.reduce((n, s) => n + (w.byDecision[s.key] ?? 0), 0)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, trend.length);
  const bar = slot * 0.6;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="DejaVu Sans, Arial, sans-serif">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${PAD.left}" y="22" font-size="14" font-weight="bold" fill="#1d1c1d">Checks by decision, last ${trend.length} weeks</text>`,
    `<line x1="${PAD.left}" y1="${PAD.top + plotH}" x2="${W - PAD.right}" y2="${PAD.top + plotH}" stroke="#bbbbbb"/>`,
    `<text x="${PAD.left - 8}" y="${PAD.top + 4}" font-size="11" text-anchor="end" fill="#616061">${max}</text>`,
    `<text x="${PAD.left - 8}" y="${PAD.top + plotH}" font-size="11" text-anchor="end" fill="#616061">0</text>`,
  ];
  trend.forEach((week, i) => {
    const x = PAD.left + i * slot + (slot - bar) / 2;
    let y = PAD.top + plotH;
    for (const s of SERIES) {
      const n = week.byDecision[s.key] ?? 0;
      if (n === 0) continue;
      const h = (n / max) * plotH;
      y -= h;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${bar.toFixed(1)}" height="${h.toFixed(1)}" fill="${s.colour}"/>`,
      );
    }
    parts.push(
      `<text x="${(x + bar / 2).toFixed(1)}" y="${PAD.top + plotH + 16}" font-size="11" text-anchor="middle" fill="#616061">${esc(week.weekStart.toISOString().slice(5, 10))}</text>`,
    );
  });
  SERIES.forEach((s, i) => {
    const x = PAD.left + i * 120;
    const y = H - 16;
    parts.push(`<rect x="${x}" y="${y - 10}" width="12" height="12" fill="${s.colour}"/>`);
    parts.push(`<text x="${x + 18}" y="${y}" font-size="12" fill="#1d1c1d">${esc(s.label)}</text>`);
  });
  parts.push("</svg>");
  return parts.join("");
}

/** The chart as a PNG (resvg: a Rust renderer shipped as prebuilt npm binaries). */
export function trendPng(trend: DigestData["trend"]): Buffer {
  return new Resvg(trendSvg(trend), { font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" } })
    .render()
    .asPng();
}
