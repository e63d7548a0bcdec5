/**
 * Pengelola kinerja (HR, screen 8): a unit and a year to work on, then the sub-screens as nested
 * routes under /hr — dashboard, opening a year or a review period, org goals, the organizational
 * rating, the IKM survey, the organization import, daily discipline and the work calendar. The
 * API decides who may do what; each sub-screen shows the server's answer (a refusal included).
 */
import { useQuery } from "@apollo/client/react";
import { lazy, Suspense, useState } from "react";
import { NavLink, Route, Routes } from "react-router";
import { Loading, Notice, ProblemBox } from "../components/Status";
import { graphql } from "../gql";
import { defineMessages, useT } from "../i18n";
import { useMe } from "../session";
import type { HrScope } from "./hr/shared";
import "./Hr.css";

const Dashboard = lazy(() => import("./hr/Dashboard"));
const OpenYear = lazy(() => import("./hr/OpenYear"));
const Goals = lazy(() => import("./hr/Goals"));
const OrgRating = lazy(() => import("./hr/OrgRating"));
const Survey = lazy(() => import("./hr/Survey"));
const Import = lazy(() => import("./hr/Import"));
const Discipline = lazy(() => import("./hr/Discipline"));
const Calendar = lazy(() => import("./hr/Calendar"));

const HR_UNITS = graphql(`
  query HrUnits($withinId: ID!) {
    orgUnits(first: 100, filter: { withinId: $withinId }) {
      totalCount
      edges { node { id name code depth } }
    }
  }
`);

const text = defineMessages({
  id: {
    title: "Pengelola kinerja", scope: "Lingkup", unit: "Unit", year: "Tahun", sections: "Bagian pengelola kinerja",
    dashboard: "Dasbor", open: "Buka tahun / periode", goals: "Sasaran organisasi", rating: "Predikat organisasi",
    survey: "Survei IKM", import: "Impor organisasi", discipline: "Disiplin harian", calendar: "Kalender kerja",
    noUnits: "Anda tidak tercatat sebagai pengelola kinerja atau pimpinan unit mana pun. Yang boleh Anda lihat ditentukan server.",
    more: "Ditampilkan 100 unit pertama dari {n}.",
  },
  en: {
    title: "Performance admin", scope: "Scope", unit: "Unit", year: "Year", sections: "Performance admin sections",
    dashboard: "Dashboard", open: "Open year / period", goals: "Organization goals", rating: "Organizational rating",
    survey: "IKM survey", import: "Organization import", discipline: "Daily discipline", calendar: "Work calendar",
    noUnits: "You are not recorded as performance admin or leader of any unit. The server decides what you may see.",
    more: "Showing the first 100 of {n} units.",
  },
});

export default function Hr() {
  const t = useT(text);
  const me = useMe();
  // Where to start: the units managed as HR; else one's own unit (a leader's, or the server refuses).
  const roots = me.managedUnits.length ? me.managedUnits : me.employee ? [me.employee.unit] : [];
  const [rootId, setRootId] = useState(roots[0]?.id ?? "");
  const [unitId, setUnitId] = useState("");
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const units = useQuery(HR_UNITS, { variables: { withinId: rootId }, skip: !rootId });
  const list = units.data?.orgUnits.edges.map((e) => e.node) ?? [];
  const rootDepth = list[0]?.depth ?? 0;
  const chosen = list.find((u) => u.id === unitId) ?? list[0];
  const isLeaderOrHr = me.managedUnits.length > 0 || me.roles.includes("UNIT_LEADER") || me.roles.includes("SUPERUSER");

  const scope: HrScope | null = chosen ? { unitId: chosen.id, unitName: chosen.name, year } : null;
  const years = [thisYear + 1, thisYear, thisYear - 1, thisYear - 2];

  const tab = (to: string, label: string) => (
    <li><NavLink to={to} end>{label}</NavLink></li>
  );

  return (
    <div className="hr">
      <h1>{t("title")}</h1>
      {!isLeaderOrHr && <Notice>{t("noUnits")}</Notice>}
      <div className="k-card hr-pickers">
        {roots.length > 1 && (
          <div>
            <label htmlFor="hr-scope">{t("scope")}</label>
            <select id="hr-scope" value={rootId} onChange={(e) => { setRootId(e.target.value); setUnitId(""); }}>
              {roots.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
            </select>
          </div>
        )}
        <div className="hr-unit">
          <label htmlFor="hr-unit">{t("unit")}</label>
          <select id="hr-unit" value={chosen?.id ?? ""} onChange={(e) => setUnitId(e.target.value)} disabled={!list.length}>
            {list.map((u) => (
              <option key={u.id} value={u.id}>{"\u00a0\u00a0".repeat(Math.max(0, u.depth - rootDepth))}{u.name}</option>
            ))}
          </select>
        </div>
        <div className="hr-year">
          <label htmlFor="hr-year">{t("year")}</label>
          <select id="hr-year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {years.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </div>
      </div>
      {units.error && <ProblemBox error={units.error} />}
      {units.data && units.data.orgUnits.totalCount > list.length && (
        <p className="k-muted">{t("more", { n: units.data.orgUnits.totalCount })}</p>
      )}
      <nav className="hr-tabs" aria-label={t("sections")}>
        <ul>
          {tab("/hr", t("dashboard"))}
          {tab("/hr/buka", t("open"))}
          {tab("/hr/sasaran", t("goals"))}
          {tab("/hr/predikat", t("rating"))}
          {tab("/hr/ikm", t("survey"))}
          {tab("/hr/disiplin", t("discipline"))}
          {tab("/hr/kalender", t("calendar"))}
          {tab("/hr/impor", t("import"))}
        </ul>
      </nav>
      {units.loading && !units.data ? <Loading /> : (
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route index element={scope && <Dashboard key={scope.unitId} scope={scope} />} />
            <Route path="buka" element={scope && <OpenYear key={scope.unitId} scope={scope} />} />
            <Route path="sasaran" element={scope && <Goals key={scope.unitId} scope={scope} />} />
            <Route path="predikat" element={scope && <OrgRating key={scope.unitId} scope={scope} />} />
            <Route path="ikm" element={scope && <Survey key={scope.unitId} scope={scope} />} />
            <Route path="impor" element={<Import />} />
            <Route path="disiplin" element={scope && <Discipline key={scope.unitId} scope={scope} />} />
            <Route path="kalender" element={scope && <Calendar key={scope.unitId} scope={scope} />} />
          </Routes>
        </Suspense>
      )}
    </div>
  );
}
