/** Dasbor: a unit's figures for the year (unitPerformance) and R-DIST for a period. */
import { useQuery } from "@apollo/client/react";
import { useMemo } from "react";
import { Chart } from "../../components/Chart";
import { DocumentLink, DocumentLinks } from "../../components/DocumentLink";
import { Loading, ProblemBox } from "../../components/Status";
import { graphql } from "../../gql";
import { defineMessages, formatNumber, useEnumLabel, useLanguage, usePeriodLabel, useT } from "../../i18n";
import { PeriodPicker, usePeriodChoice, type HrScope } from "./shared";

const HR_DASHBOARD = graphql(`
  query HrDashboard($unitId: ID!, $year: Int!) {
    unitPerformance(unitId: $unitId, year: $year) {
      plansByStatus { status count }
      overduePlans
      predicateDistribution { predicate count percent }
      satisfaction { score category categoryLabel respondents }
      meetingsHeld
    }
    recap: performanceRecap(unitId: $unitId, year: $year) { ...DocumentFields }
  }
`);

const HR_DISTRIBUTION = graphql(`
  query HrDistribution($unitId: ID!, $year: Int!, $periodId: ID!) {
    distributionCheck(unitId: $unitId, periodId: $periodId) {
      orgRating
      counts { predicate count percent }
      violations { rule message }
    }
    periodRecap: performanceRecap(unitId: $unitId, year: $year, periodId: $periodId) { ...DocumentFields }
    predicates: predicateDetermination(unitId: $unitId, periodId: $periodId) { ...DocumentFields }
  }
`);

const PREDICATES = ["SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG"] as const;
type P = (typeof PREDICATES)[number];

/** R-DIST (docs/domain.md, SE 3/2023): what each organizational rating allows. */
interface Rule { predicates: P[]; op: "max" | "min" | "atLeastOne" | "none"; limit: number }
const R_DIST: Record<string, Rule[]> = {
  ISTIMEWA: [{ predicates: ["SANGAT_BAIK"], op: "max", limit: 70 }],
  BAIK: [{ predicates: ["BAIK"], op: "max", limit: 70 }, { predicates: ["BUTUH_PERBAIKAN", "KURANG"], op: "atLeastOne", limit: 1 }],
  BUTUH_PERBAIKAN: [{ predicates: ["BUTUH_PERBAIKAN"], op: "min", limit: 60 }, { predicates: ["SANGAT_BAIK"], op: "max", limit: 10 }],
  KURANG: [{ predicates: ["KURANG"], op: "min", limit: 60 }, { predicates: ["BUTUH_PERBAIKAN"], op: "min", limit: 10 },
    { predicates: ["SANGAT_BAIK"], op: "max", limit: 10 }],
  SANGAT_KURANG: [{ predicates: ["SANGAT_KURANG"], op: "min", limit: 60 }, { predicates: ["KURANG", "BUTUH_PERBAIKAN"], op: "min", limit: 10 },
    { predicates: ["SANGAT_BAIK"], op: "none", limit: 0 }],
};

const text = defineMessages({
  id: {
    title: "Dasbor {unit} {year}", plans: "SKP", overdue: "SKP terlambat", ikm: "Indeks kepuasan (IKM)", meetings: "Rapat evaluasi",
    noIkm: "Belum ada survei", respondents: "{n} responden", plansChart: "SKP menurut status", count: "Jumlah",
    predChart: "Predikat pegawai tahun {year}", distTitle: "Distribusi predikat (R-DIST)", orgRating: "Predikat organisasi",
    noOrgRating: "Belum ditetapkan: distribusi belum dapat diperiksa.", actual: "Aktual (%)", allowed: "Batas (%)",
    distChart: "Predikat pada periode: aktual dan batas", rule: "Ketentuan", limit: "Batas", actualCol: "Aktual", met: "Terpenuhi",
    yes: "Ya", no: "Tidak", violations: "Pelanggaran menurut server", noViolations: "Tidak ada pelanggaran.",
    max: "paling banyak {n}%", min: "paling sedikit {n}%", atLeastOne: "paling sedikit satu pegawai", none: "tidak ada (0)",
    people: "{n} orang", noPredicates: "Belum ada predikat final pada periode ini.", total: "Jumlah pegawai berpredikat: {n}",
    yearDocs: "Dokumen tahun {year}", periodDocs: "Dokumen {period} {year}", recapYear: "Unduh rekap {year}",
    recapPeriod: "Unduh rekap {period} {year}", predicates: "Unduh penetapan predikat {period} {year}",
  },
  en: {
    title: "Dashboard {unit} {year}", plans: "SKP", overdue: "Overdue SKP", ikm: "Satisfaction index (IKM)", meetings: "Evaluation meetings",
    noIkm: "No survey yet", respondents: "{n} respondents", plansChart: "SKP by status", count: "Count",
    predChart: "Employee predicates {year}", distTitle: "Predicate distribution (R-DIST)", orgRating: "Organizational rating",
    noOrgRating: "Not set: the distribution cannot be checked yet.", actual: "Actual (%)", allowed: "Limit (%)",
    distChart: "Predicates in the period: actual and limit", rule: "Rule", limit: "Limit", actualCol: "Actual", met: "Met",
    yes: "Yes", no: "No", violations: "Violations reported by the server", noViolations: "No violations.",
    max: "at most {n}%", min: "at least {n}%", atLeastOne: "at least one employee", none: "none (0)",
    people: "{n} people", noPredicates: "No final predicates in this period yet.", total: "Employees with a predicate: {n}",
    yearDocs: "Documents {year}", periodDocs: "Documents {period} {year}", recapYear: "Download the recap {year}",
    recapPeriod: "Download the recap {period} {year}", predicates: "Download the predicate determination {period} {year}",
  },
});

export default function Dashboard({ scope }: { scope: HrScope }) {
  const t = useT(text);
  const enumLabel = useEnumLabel();
  const { language } = useLanguage();
  const { data, error, loading } = useQuery(HR_DASHBOARD, { variables: { unitId: scope.unitId, year: scope.year } });
  const perf = data?.unitPerformance;

  const plans = useMemo(() => ({
    labels: perf?.plansByStatus.map((s) => enumLabel(s.status)) ?? [],
    series: [{ label: t("count"), values: perf?.plansByStatus.map((s) => s.count) ?? [] }],
  }), [perf, t]); // eslint-disable-line react-hooks/exhaustive-deps
  const predicates = useMemo(() => ({
    labels: perf?.predicateDistribution.map((p) => enumLabel(p.predicate)) ?? [],
    series: [{ label: t("count"), values: perf?.predicateDistribution.map((p) => p.count) ?? [] }],
  }), [perf, t]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <section aria-labelledby="hr-dash-title">
      <h2 id="hr-dash-title">{t("title", { unit: scope.unitName, year: scope.year })}</h2>
      {loading && !data && <Loading />}
      {error && <ProblemBox error={error} />}
      {perf && (
        <>
          <dl className="hr-figures">
            <div><dt>{t("plans")}</dt><dd data-testid="hr-plans">{perf.plansByStatus.reduce((n, s) => n + s.count, 0)}</dd></div>
            <div><dt>{t("overdue")}</dt><dd data-testid="hr-overdue" className={perf.overduePlans ? "k-overdue" : undefined}>{perf.overduePlans}</dd></div>
            <div>
              <dt>{t("ikm")}</dt>
              <dd data-testid="hr-ikm">
                {perf.satisfaction ? formatNumber(perf.satisfaction.score, language, 2) : "–"}
                <small>{perf.satisfaction
                  ? `${perf.satisfaction.category} · ${perf.satisfaction.categoryLabel} · ${t("respondents", { n: perf.satisfaction.respondents })}`
                  : t("noIkm")}</small>
              </dd>
            </div>
            <div><dt>{t("meetings")}</dt><dd data-testid="hr-meetings">{perf.meetingsHeld}</dd></div>
          </dl>
          {data.recap && (
            <DocumentLinks label={t("yearDocs", { year: scope.year })}>
              <DocumentLink document={data.recap} label={t("recapYear", { year: scope.year })} testId="hr-recap-year" />
            </DocumentLinks>
          )}
          <div className="k-grid">
            <div className="k-card"><Chart kind="bar" title={t("plansChart")} labels={plans.labels} series={plans.series} /></div>
            <div className="k-card"><Chart kind="bar" title={t("predChart", { year: scope.year })} labels={predicates.labels} series={predicates.series} /></div>
          </div>
        </>
      )}
      {!error && <Distribution scope={scope} />}
    </section>
  );
}

function Distribution({ scope }: { scope: HrScope }) {
  const t = useT(text);
  const enumLabel = useEnumLabel();
  const { language } = useLanguage();
  const periodLabel = usePeriodLabel();
  const choice = usePeriodChoice(scope.year);
  const { data, error, loading } = useQuery(HR_DISTRIBUTION, {
    variables: { unitId: scope.unitId, year: scope.year, periodId: choice.periodId }, skip: !choice.periodId,
  });
  const periodName = choice.period ? periodLabel(choice.period) : "";
  const check = data?.distributionCheck;
  const percent = (p: P) => check?.counts.find((c) => c.predicate === p)?.percent ?? 0;
  const count = (p: P) => check?.counts.find((c) => c.predicate === p)?.count ?? 0;
  const rules = check?.orgRating ? R_DIST[check.orgRating] ?? [] : [];

  const chart = useMemo(() => {
    const limits = PREDICATES.map((p) => {
      const rule = rules.find((r) => r.predicates.length === 1 && r.predicates[0] === p && r.op !== "atLeastOne");
      return rule ? rule.limit : 0;
    });
    const series = [{ label: t("actual"), values: PREDICATES.map((p) => percent(p)) }];
    if (rules.length) series.push({ label: t("allowed"), values: limits, color: "#8a5300" } as { label: string; values: number[]; color?: string });
    return { labels: PREDICATES.map((p) => enumLabel(p)), series };
  }, [check, t]); // eslint-disable-line react-hooks/exhaustive-deps

  const ruleText = (r: Rule) =>
    `${r.predicates.map((p) => enumLabel(p)).join(" + ")}: ${r.op === "atLeastOne" ? t("atLeastOne") : r.op === "none" ? t("none") : t(r.op, { n: r.limit })}`;
  const actual = (r: Rule) => {
    const n = r.predicates.reduce((s, p) => s + count(p), 0);
    const pct = r.predicates.reduce((s, p) => s + percent(p), 0);
    return { n, pct };
  };
  const met = (r: Rule) => {
    const { n, pct } = actual(r);
    return r.op === "max" ? pct <= r.limit : r.op === "min" ? pct >= r.limit : r.op === "atLeastOne" ? n >= 1 : n === 0;
  };

  return (
    <div className="k-card">
      <h3>{t("distTitle")}</h3>
      <PeriodPicker id="hr-dist-period" year={scope.year} choice={choice} />
      {choice.error && <ProblemBox error={choice.error} />}
      {loading && !data && <Loading />}
      {error && <ProblemBox error={error} />}
      {data && (
        <DocumentLinks label={t("periodDocs", { period: periodName, year: scope.year })}>
          <DocumentLink document={data.predicates} label={t("predicates", { period: periodName, year: scope.year })}
            testId="hr-predicates" />
          <DocumentLink document={data.periodRecap} label={t("recapPeriod", { period: periodName, year: scope.year })}
            testId="hr-recap-period" />
        </DocumentLinks>
      )}
      {check && (
        <>
          <p>
            {t("orgRating")}: <strong data-testid="hr-org-rating">{check.orgRating ? enumLabel(check.orgRating) : "–"}</strong>
            {" · "}{t("total", { n: check.counts.reduce((s, c) => s + c.count, 0) })}
          </p>
          {!check.orgRating && <p className="k-muted">{t("noOrgRating")}</p>}
          {check.counts.some((c) => c.count > 0)
            ? <Chart kind="bar" title={t("distChart")} labels={chart.labels} series={chart.series} unit="%" />
            : <p>{t("noPredicates")}</p>}
          {rules.length > 0 && (
            <div className="k-table-wrap" tabIndex={0} role="region" aria-label={t("distTitle")}>
              <table>
                <caption className="k-sr-only">{t("distTitle")}</caption>
                <thead>
                  <tr><th scope="col">{t("rule")}</th><th scope="col">{t("actualCol")}</th><th scope="col">{t("met")}</th></tr>
                </thead>
                <tbody>
                  {rules.map((r) => {
                    const a = actual(r);
                    const ok = met(r);
                    return (
                      <tr key={ruleText(r)}>
                        <th scope="row">{ruleText(r)}</th>
                        <td>{formatNumber(a.pct, language, 2)}% ({t("people", { n: a.n })})</td>
                        <td className={ok ? "hr-ok" : "hr-bad"}>{ok ? `✓ ${t("yes")}` : `✗ ${t("no")}`}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          {check.violations.length ? (
            <div className="k-alert k-alert-error" role="status">
              <strong>{t("violations")}:</strong>
              <ul>{check.violations.map((v) => <li key={v.rule + v.message}>{v.message}</li>)}</ul>
            </div>
          ) : check.orgRating ? <p className="hr-ok">{t("noViolations")}</p> : null}
        </>
      )}
    </div>
  );
}
