/**
 * Survei IKM (R-IKM): responses of 9 answers 1–4 each, entered in a grid or pasted from a
 * spreadsheet (tab, comma or semicolon separated, one respondent per line), checked here with
 * the row and column named, then submitted; the server computes and checks the index again.
 */
import { useMutation, useQuery } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { Loading, ProblemBox } from "../../components/Status";
import { problemOf, type Problem } from "../../errors";
import { graphql } from "../../gql";
import { defineMessages, formatNumber, useLanguage, useT } from "../../i18n";
import type { HrScope } from "./shared";

const HR_IKM = graphql(`
  query HrSatisfaction($unitId: ID!, $year: Int!) {
    satisfactionIndex(unitId: $unitId, year: $year) { score category categoryLabel respondents elementScores { element score } }
  }
`);

const HR_SUBMIT_IKM = graphql(`
  mutation HrSubmitSurvey($unitId: ID!, $year: Int!, $responses: [[Int!]!]!) {
    submitSatisfactionSurvey(unitId: $unitId, year: $year, responses: $responses) {
      score category categoryLabel respondents elementScores { element score }
    }
  }
`);

export const ELEMENTS = ["PERSYARATAN", "PROSEDUR", "WAKTU", "BIAYA", "PRODUK", "KOMPETENSI", "PERILAKU", "PENGADUAN", "SARANA"] as const;

const elementText = defineMessages({
  id: { PERSYARATAN: "Persyaratan", PROSEDUR: "Prosedur", WAKTU: "Waktu", BIAYA: "Biaya/tarif", PRODUK: "Produk layanan",
    KOMPETENSI: "Kompetensi", PERILAKU: "Perilaku", PENGADUAN: "Pengaduan", SARANA: "Sarana prasarana" },
  en: { PERSYARATAN: "Requirements", PROSEDUR: "Procedure", WAKTU: "Time", BIAYA: "Cost/fee", PRODUK: "Service product",
    KOMPETENSI: "Competence", PERILAKU: "Conduct", PENGADUAN: "Complaints", SARANA: "Facilities" },
});

const text = defineMessages({
  id: {
    title: "Survei kepuasan masyarakat (IKM) {year}", current: "Indeks saat ini", none: "Belum ada survei untuk {unit} tahun {year}.",
    score: "Nilai IKM", category: "Mutu", respondents: "Responden", element: "Unsur", nrr: "Nilai rata-rata (1–4)",
    entry: "Isi jawaban", entryLead: "Satu baris per responden; setiap jawaban bilangan bulat 1–4.",
    respondent: "Responden", cell: "Responden {r}, {element}", addRow: "Tambah responden", removeRow: "Hapus responden {r}",
    remove: "Hapus", paste: "Tempel dari lembar kerja", pasteLead: "Satu responden per baris, 9 nilai dipisah tab, koma atau titik koma.",
    pasteButton: "Masukkan ke tabel", pasted: "{n} responden ditambahkan ke tabel.",
    submit: "Kirim {n} responden", submitting: "Mengirim…", result: "Hasil survei yang dikirim",
    errRow: "Baris {row}: harus ada 9 nilai, ada {n}.", errCell: "Baris {row}, kolom {col} ({element}): \"{value}\" bukan bilangan bulat 1–4.",
    errEmpty: "Tidak ada baris untuk dimasukkan.", errGrid: "Responden {row}, {element}: \"{value}\" bukan bilangan bulat 1–4.",
    errNone: "Isi minimal satu responden.", refused: "Jawaban belum dapat dikirim:", serverRow: "Responden {row}",
  },
  en: {
    title: "Public satisfaction survey (IKM) {year}", current: "Current index", none: "No survey for {unit} in {year} yet.",
    score: "IKM score", category: "Grade", respondents: "Respondents", element: "Element", nrr: "Mean score (1–4)",
    entry: "Enter answers", entryLead: "One row per respondent; each answer a whole number 1–4.",
    respondent: "Respondent", cell: "Respondent {r}, {element}", addRow: "Add a respondent", removeRow: "Remove respondent {r}",
    remove: "Remove", paste: "Paste from a spreadsheet", pasteLead: "One respondent per line, 9 values separated by tabs, commas or semicolons.",
    pasteButton: "Put into the table", pasted: "{n} respondents added to the table.",
    submit: "Submit {n} respondents", submitting: "Submitting…", result: "Result of the submitted survey",
    errRow: "Row {row}: 9 values needed, found {n}.", errCell: "Row {row}, column {col} ({element}): \"{value}\" is not a whole number 1–4.",
    errEmpty: "No rows to add.", errGrid: "Respondent {row}, {element}: \"{value}\" is not a whole number 1–4.",
    errNone: "Enter at least one respondent.", refused: "The answers cannot be submitted yet:", serverRow: "Respondent {row}",
  },
});

type Index = { score: number; category: string; categoryLabel: string; respondents: number; elementScores: { element: string; score: number }[] };

const blankRow = () => ELEMENTS.map(() => "");
const valid = (v: string) => /^[1-4]$/.test(v.trim());

export default function Survey({ scope }: { scope: HrScope }) {
  const t = useT(text);
  const el = useT(elementText);
  const current = useQuery(HR_IKM, { variables: { unitId: scope.unitId, year: scope.year } });
  const [submitSurvey, submitting] = useMutation(HR_SUBMIT_IKM, { refetchQueries: ["HrSatisfaction", "HrDashboard"] });
  const [rows, setRows] = useState<string[][]>([blankRow()]);
  const [paste, setPaste] = useState("");
  const [pasteErrors, setPasteErrors] = useState<string[]>([]);
  const [pasteInfo, setPasteInfo] = useState("");
  const [gridErrors, setGridErrors] = useState<string[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [result, setResult] = useState<Index | null>(null);

  function addPasted() {
    setPasteInfo("");
    const lines = paste.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    const errors: string[] = [];
    const parsed: string[][] = [];
    if (!lines.length) errors.push(t("errEmpty"));
    lines.forEach((line, i) => {
      const values = line.split(/[\t,;]|\s+/).map((v) => v.trim()).filter((v) => v !== "");
      if (values.length !== ELEMENTS.length) {
        errors.push(t("errRow", { row: i + 1, n: values.length }));
        return;
      }
      values.forEach((v, j) => {
        if (!valid(v)) errors.push(t("errCell", { row: i + 1, col: j + 1, element: el(ELEMENTS[j]), value: v }));
      });
      parsed.push(values);
    });
    setPasteErrors(errors);
    if (errors.length) return;
    const kept = rows.filter((r) => r.some((v) => v.trim()));
    setRows([...kept, ...parsed]);
    setPaste("");
    setPasteInfo(t("pasted", { n: parsed.length }));
  }

  const filled = rows.filter((r) => r.some((v) => v.trim()));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    setResult(null);
    const errors: string[] = [];
    if (!filled.length) errors.push(t("errNone"));
    filled.forEach((r, i) => r.forEach((v, j) => {
      if (!valid(v)) errors.push(t("errGrid", { row: i + 1, element: el(ELEMENTS[j]), value: v }));
    }));
    setGridErrors(errors);
    if (errors.length) return;
    try {
      const answer = await submitSurvey({ variables: { unitId: scope.unitId, year: scope.year,
        responses: filled.map((r) => r.map((v) => Number(v.trim()))) } });
      if (answer.data) setResult(answer.data.submitSatisfactionSurvey);
      setRows([blankRow()]);
    } catch (e) {
      setProblem(problemOf(e));
    }
  }

  const setCell = (i: number, j: number, value: string) =>
    setRows(rows.map((r, ri) => (ri === i ? r.map((v, ci) => (ci === j ? value : v)) : r)));

  return (
    <section aria-labelledby="hr-ikm-title">
      <h2 id="hr-ikm-title">{t("title", { year: scope.year })}</h2>
      <div className="k-card">
        <h3>{t("current")}</h3>
        {current.loading && !current.data && <Loading />}
        {current.error && <ProblemBox error={current.error} />}
        {current.data && (current.data.satisfactionIndex
          ? <IndexView index={current.data.satisfactionIndex} testId="hr-ikm-current" />
          : <p>{t("none", { unit: scope.unitName, year: scope.year })}</p>)}
      </div>

      <div className="k-card">
        <h3>{t("paste")}</h3>
        <label htmlFor="hr-ikm-paste">{t("paste")}</label>
        <p id="hr-ikm-paste-help" className="k-muted">{t("pasteLead")}</p>
        <textarea id="hr-ikm-paste" className="hr-paste" value={paste} aria-describedby="hr-ikm-paste-help"
          aria-invalid={pasteErrors.length ? true : undefined} onChange={(e) => setPaste(e.target.value)} />
        {pasteErrors.length > 0 && (
          <div className="k-alert k-alert-error" role="alert" data-testid="hr-ikm-paste-errors">
            <ul>{pasteErrors.map((e) => <li key={e}>{e}</li>)}</ul>
          </div>
        )}
        {pasteInfo && <div className="k-alert k-alert-success" role="status">{pasteInfo}</div>}
        <div className="hr-actions">
          <button type="button" className="k-button" onClick={addPasted}>{t("pasteButton")}</button>
        </div>
      </div>

      <form className="k-card" onSubmit={submit} noValidate>
        <h3>{t("entry")}</h3>
        <p className="k-muted">{t("entryLead")}</p>
        <div className="k-table-wrap" tabIndex={0} role="region" aria-label={t("entry")}>
          <table className="hr-grid">
            <thead>
              <tr>
                <th scope="col">{t("respondent")}</th>
                {ELEMENTS.map((e) => <th key={e} scope="col">{el(e)}</th>)}
                <th scope="col"><span className="k-sr-only">{t("remove")}</span></th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i}>
                  <th scope="row">{i + 1}</th>
                  {r.map((v, j) => {
                    const id = `hr-ikm-${i}-${j}`;
                    return (
                      <td key={j}>
                        <label htmlFor={id} className="k-sr-only">{t("cell", { r: i + 1, element: el(ELEMENTS[j]) })}</label>
                        <input id={id} inputMode="numeric" maxLength={1} value={v}
                          aria-invalid={v.trim() && !valid(v) ? true : undefined}
                          onChange={(e) => setCell(i, j, e.target.value)} />
                      </td>
                    );
                  })}
                  <td>
                    <button type="button" className="k-button k-danger" aria-label={t("removeRow", { r: i + 1 })}
                      disabled={rows.length === 1} onClick={() => setRows(rows.filter((_, ri) => ri !== i))}>×</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {gridErrors.length > 0 && (
          <div className="k-alert k-alert-error" role="alert"><ul>{gridErrors.map((e) => <li key={e}>{e}</li>)}</ul></div>
        )}
        {problem && (
          <div className="k-alert k-alert-error" role="alert">
            {problem.message}
            {problem.errors.length > 0 && (
              <ul>{problem.errors.map((e, i) => (
                <li key={i}>
                  {typeof e.response === "number" ? `${t("serverRow", { row: e.response + 1 })}` : ""}
                  {typeof e.element === "string" && e.element in elementText.id ? `, ${el(e.element as "WAKTU")}` : ""}
                  {typeof e.response === "number" ? ": " : ""}{e.message}
                </li>
              ))}</ul>
            )}
          </div>
        )}
        <div className="k-row hr-actions">
          <button type="button" className="k-button" onClick={() => setRows([...rows, blankRow()])}>{t("addRow")}</button>
          <button type="submit" className="k-button k-primary" disabled={submitting.loading || !filled.length}>
            {submitting.loading ? t("submitting") : t("submit", { n: filled.length })}
          </button>
        </div>
      </form>

      {result && (
        <div className="k-card" data-testid="hr-ikm-result">
          <h3>{t("result")}</h3>
          <IndexView index={result} testId="hr-ikm-result-index" />
        </div>
      )}
    </section>
  );
}

function IndexView({ index, testId }: { index: Index; testId: string }) {
  const t = useT(text);
  const el = useT(elementText);
  const { language } = useLanguage();
  return (
    <div data-testid={testId}>
      <dl className="hr-figures">
        <div><dt>{t("score")}</dt><dd>{formatNumber(index.score, language, 2)}</dd></div>
        <div><dt>{t("category")}</dt><dd>{index.category}<small>{index.categoryLabel}</small></dd></div>
        <div><dt>{t("respondents")}</dt><dd>{index.respondents}</dd></div>
      </dl>
      <details>
        <summary>{t("nrr")}</summary>
        <div className="k-table-wrap" tabIndex={0} role="region" aria-label={t("nrr")}>
          <table>
            <thead><tr><th scope="col">{t("element")}</th><th scope="col">{t("nrr")}</th></tr></thead>
            <tbody>
              {index.elementScores.map((s) => (
                <tr key={s.element}>
                  <th scope="row">{s.element in elementText.id ? el(s.element as "WAKTU") : s.element}</th>
                  <td>{formatNumber(s.score, language, 2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
