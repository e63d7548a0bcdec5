/** Sasaran organisasi: the unit's goals for the year (and those above it), add or change one. */
import { useMutation, useQuery } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { Loading, ProblemBox } from "../../components/Status";
import { problemOf, type Problem } from "../../errors";
import { graphql } from "../../gql";
import type { GoalSource } from "../../gql/graphql";
import { defineMessages, useT } from "../../i18n";
import type { HrScope } from "./shared";

const HR_GOALS = graphql(`
  query HrGoals($unitId: ID!, $year: Int!) {
    orgGoals(unitId: $unitId, year: $year) { id text source indicator target unit { id name } }
  }
`);

const HR_UPSERT_GOAL = graphql(`
  mutation HrUpsertGoal($unitId: ID!, $year: Int!, $text: String!, $id: ID, $source: GoalSource, $indicator: String!, $target: String!) {
    upsertOrgGoal(unitId: $unitId, year: $year, text: $text, id: $id, source: $source, indicator: $indicator, target: $target) {
      id text source indicator target unit { id name }
    }
  }
`);

const text = defineMessages({
  id: {
    title: "Sasaran organisasi {year}", lead: "Sasaran {unit} dan unit di atasnya, yang dapat didukung hasil kerja pegawai.",
    none: "Belum ada sasaran untuk tahun ini.", goal: "Sasaran", source: "Sumber", indicator: "Indikator", target: "Target",
    unit: "Unit", actions: "Aksi", edit: "Ubah", editGoal: "Ubah sasaran: {text}", add: "Tambah sasaran", change: "Ubah sasaran",
    save: "Simpan", saving: "Menyimpan…", cancel: "Batal", saved: "Sasaran tersimpan.", required: "Sasaran wajib diisi.",
    RENSTRA: "Renstra", PERJANJIAN_KINERJA: "Perjanjian Kinerja",
  },
  en: {
    title: "Organization goals {year}", lead: "The goals of {unit} and the units above it, which employees' work results can support.",
    none: "No goals for this year yet.", goal: "Goal", source: "Source", indicator: "Indicator", target: "Target",
    unit: "Unit", actions: "Actions", edit: "Edit", editGoal: "Edit goal: {text}", add: "Add a goal", change: "Change the goal",
    save: "Save", saving: "Saving…", cancel: "Cancel", saved: "Goal saved.", required: "The goal is required.",
    RENSTRA: "Strategic plan (Renstra)", PERJANJIAN_KINERJA: "Performance agreement",
  },
});

const EMPTY = { id: "", text: "", source: "PERJANJIAN_KINERJA" as GoalSource, indicator: "", target: "" };

export default function Goals({ scope }: { scope: HrScope }) {
  const t = useT(text);
  const { data, error, loading } = useQuery(HR_GOALS, { variables: { unitId: scope.unitId, year: scope.year } });
  const [upsert, saving] = useMutation(HR_UPSERT_GOAL, { refetchQueries: ["HrGoals"], awaitRefetchQueries: true });
  const [form, setForm] = useState(EMPTY);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);
  const goals = data?.orgGoals ?? [];

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    setProblem(null);
    if (!form.text.trim()) {
      setProblem({ code: "BAD_USER_INPUT", message: t("required"), fields: { text: t("required") }, errors: [], truncated: 0 });
      return;
    }
    try {
      await upsert({ variables: { unitId: scope.unitId, year: scope.year, text: form.text, id: form.id || null,
        source: form.source, indicator: form.indicator, target: form.target } });
      setForm(EMPTY);
      setSaved(true);
    } catch (e) {
      setProblem(problemOf(e));
    }
  }

  return (
    <section aria-labelledby="hr-goals-title">
      <h2 id="hr-goals-title">{t("title", { year: scope.year })}</h2>
      <p className="k-muted">{t("lead", { unit: scope.unitName })}</p>
      {loading && !data && <Loading />}
      {error && <ProblemBox error={error} />}
      {data && !goals.length && <p>{t("none")}</p>}
      {goals.length > 0 && (
        <div className="k-table-wrap k-card" tabIndex={0} role="region" aria-label={t("title", { year: scope.year })}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("goal")}</th><th scope="col">{t("indicator")}</th><th scope="col">{t("target")}</th>
                <th scope="col">{t("source")}</th><th scope="col">{t("unit")}</th><th scope="col">{t("actions")}</th>
              </tr>
            </thead>
            <tbody>
              {goals.map((g) => (
                <tr key={g.id}>
                  <th scope="row">{g.text}</th>
                  <td>{g.indicator || "–"}</td>
                  <td>{g.target || "–"}</td>
                  <td>{t(g.source)}</td>
                  <td>{g.unit.name}</td>
                  <td>
                    {g.unit.id === scope.unitId && (
                      <button type="button" className="k-button" aria-label={t("editGoal", { text: g.text })}
                        onClick={() => { setForm({ id: g.id, text: g.text, source: g.source, indicator: g.indicator, target: g.target }); setSaved(false); }}>
                        {t("edit")}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="k-card" onSubmit={submit} noValidate>
        <h3>{form.id ? t("change") : t("add")}</h3>
        {problem && <div className="k-alert k-alert-error" role="alert">{problem.message}</div>}
        {saved && <div className="k-alert k-alert-success" role="status">{t("saved")}</div>}
        <label htmlFor="hr-goal-text">{t("goal")}</label>
        <textarea id="hr-goal-text" value={form.text} required aria-invalid={problem?.fields.text ? true : undefined}
          aria-describedby={problem?.fields.text ? "hr-goal-text-error" : undefined}
          onChange={(e) => setForm({ ...form, text: e.target.value })} />
        {problem?.fields.text && <p id="hr-goal-text-error" className="k-field-error">{problem.fields.text}</p>}
        <label htmlFor="hr-goal-source">{t("source")}</label>
        <select id="hr-goal-source" value={form.source} onChange={(e) => setForm({ ...form, source: e.target.value as GoalSource })}>
          <option value="PERJANJIAN_KINERJA">{t("PERJANJIAN_KINERJA")}</option>
          <option value="RENSTRA">{t("RENSTRA")}</option>
        </select>
        <label htmlFor="hr-goal-indicator">{t("indicator")}</label>
        <input id="hr-goal-indicator" value={form.indicator} onChange={(e) => setForm({ ...form, indicator: e.target.value })} />
        <label htmlFor="hr-goal-target">{t("target")}</label>
        <input id="hr-goal-target" value={form.target} onChange={(e) => setForm({ ...form, target: e.target.value })} />
        <div className="k-row hr-actions">
          <button type="submit" className="k-button k-primary" disabled={saving.loading}>{saving.loading ? t("saving") : t("save")}</button>
          {form.id && <button type="button" className="k-button" onClick={() => setForm(EMPTY)}>{t("cancel")}</button>}
        </div>
      </form>
    </section>
  );
}
