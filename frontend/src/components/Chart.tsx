/**
 * A chart (Chart.js, loaded with the screen that draws one, not with the app) with its numbers
 * also given as a table for screen readers and keyboard users: a chart alone is not accessible.
 */
import { useEffect, useRef } from "react";

export interface Series {
  label: string;
  values: number[];
  color?: string;
}

interface Props {
  kind: "bar" | "doughnut" | "line";
  title: string;
  labels: string[];
  series: Series[];
  /** e.g. "%" for percentages on the axis and in the table */
  unit?: string;
  height?: number;
}

const PALETTE = ["#0b4f8a", "#1d6b35", "#8a5300", "#b42318", "#5b3f99", "#0e7c86", "#6b7280"];

export function Chart({ kind, title, labels, series, unit = "", height = 240 }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let chart: { destroy(): void } | undefined;
    let cancelled = false;
    void import("chart.js/auto").then(({ default: ChartJs }) => {
      if (cancelled || !canvas.current) return;
      chart = new ChartJs(canvas.current, {
        type: kind,
        data: {
          labels,
          datasets: series.map((s, i) => ({
            label: s.label,
            data: s.values,
            backgroundColor: kind === "doughnut" ? labels.map((_, j) => PALETTE[j % PALETTE.length]) : s.color ?? PALETTE[i % PALETTE.length],
            borderColor: s.color ?? PALETTE[i % PALETTE.length],
          })),
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          plugins: { legend: { display: series.length > 1 || kind === "doughnut" } },
          scales: kind === "doughnut" ? {} : { y: { beginAtZero: true, ticks: { precision: unit ? undefined : 0, callback: (v) => `${v}${unit}` } } },
        },
      });
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [kind, labels, series, unit]);

  return (
    <figure className="k-chart">
      <figcaption>{title}</figcaption>
      <div style={{ position: "relative", height }}>
        <canvas ref={canvas} role="img" aria-label={title} />
      </div>
      <details>
        <summary>{title}: tabel / table</summary>
        <div className="k-table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{title}</th>
                {series.map((s) => <th key={s.label} scope="col">{s.label}</th>)}
              </tr>
            </thead>
            <tbody>
              {labels.map((label, i) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {series.map((s) => <td key={s.label}>{s.values[i]}{unit}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
