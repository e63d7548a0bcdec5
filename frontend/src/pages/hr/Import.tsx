/**
 * Impor organisasi: two CSV files (units, employees) read in the browser and sent as text. The
 * server checks everything before writing anything; a refusal lists every row error (file, row,
 * column, message) and how many more were not listed.
 */
import { useMutation } from "@apollo/client/react";
import { useState, type ChangeEvent, type FormEvent } from "react";
import { problemOf, type Problem } from "../../errors";
import { graphql } from "../../gql";
import { defineMessages, useT } from "../../i18n";

const HR_IMPORT = graphql(`
  mutation HrImportOrganization($unitsCsv: String!, $employeesCsv: String!) {
    importOrganization(unitsCsv: $unitsCsv, employeesCsv: $employeesCsv) {
      unitsCreated unitsUpdated employeesCreated employeesUpdated accountsCreated
    }
  }
`);

/** The headers the importer expects (apps/organization/importer.py): an empty file is sent as its header. */
const HEADERS = {
  units: "code,name,parent_code,kind",
  employees: "nip,name,email,username,unit_code,position,position_class,employment_type,supervisor_nip,acting_for_nip,roles,rank",
};

const text = defineMessages({
  id: {
    title: "Impor organisasi", lead: "Unggah berkas CSV unit dan/atau pegawai. Semua baris diperiksa lebih dulu; bila ada satu kesalahan, tidak ada yang disimpan.",
    units: "Berkas unit (CSV)", employees: "Berkas pegawai (CSV)", unitsText: "Isi berkas unit", employeesText: "Isi berkas pegawai",
    columns: "Kolom: {columns}. Boleh kosong.", submit: "Impor", submitting: "Mengimpor…", nothing: "Pilih atau tempel minimal satu berkas.",
    file: "Berkas", row: "Baris", column: "Kolom", message: "Pesan", more: "… dan {n} kesalahan lagi yang tidak ditampilkan.",
    fileunits: "unit", fileemployees: "pegawai", errors: "Kesalahan per baris",
    done: "Impor selesai.", unitsCreated: "Unit baru", unitsUpdated: "Unit diperbarui", employeesCreated: "Pegawai baru",
    employeesUpdated: "Pegawai diperbarui", accountsCreated: "Akun baru",
  },
  en: {
    title: "Organization import", lead: "Upload the units and/or employees CSV files. Every row is checked first; if there is a single error, nothing is saved.",
    units: "Units file (CSV)", employees: "Employees file (CSV)", unitsText: "Units file content", employeesText: "Employees file content",
    columns: "Columns: {columns}. May be left empty.", submit: "Import", submitting: "Importing…", nothing: "Choose or paste at least one file.",
    file: "File", row: "Row", column: "Column", message: "Message", more: "… and {n} more errors not shown.",
    fileunits: "units", fileemployees: "employees", errors: "Errors by row",
    done: "Import finished.", unitsCreated: "Units created", unitsUpdated: "Units updated", employeesCreated: "Employees created",
    employeesUpdated: "Employees updated", accountsCreated: "Accounts created",
  },
});

type Counts = { unitsCreated: number; unitsUpdated: number; employeesCreated: number; employeesUpdated: number; accountsCreated: number };

export default function Import() {
  const t = useT(text);
  const [units, setUnits] = useState("");
  const [employees, setEmployees] = useState("");
  const [problem, setProblem] = useState<Problem | null>(null);
  const [result, setResult] = useState<Counts | null>(null);
  const [run, running] = useMutation(HR_IMPORT);

  const read = (set: (v: string) => void) => async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) set(await file.text());
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    setResult(null);
    if (!units.trim() && !employees.trim()) {
      setProblem({ code: "BAD_USER_INPUT", message: t("nothing"), fields: {}, errors: [], truncated: 0 });
      return;
    }
    try {
      const answer = await run({ variables: { unitsCsv: units.trim() ? units : HEADERS.units,
        employeesCsv: employees.trim() ? employees : HEADERS.employees } });
      if (answer.data) setResult(answer.data.importOrganization);
    } catch (e) {
      setProblem(problemOf(e));
    }
  }

  const fileName = (file: unknown) => (file === "units" || file === "employees" ? t(`file${file}`) : String(file ?? "–"));

  return (
    <section aria-labelledby="hr-import-title">
      <h2 id="hr-import-title">{t("title")}</h2>
      <p className="k-muted">{t("lead")}</p>
      <form className="k-card" onSubmit={submit} noValidate>
        <div className="hr-files">
          {([["units", units, setUnits], ["employees", employees, setEmployees]] as const).map(([name, value, set]) => (
            <div key={name}>
              <label htmlFor={`hr-import-${name}-file`}>{t(name)}</label>
              <input id={`hr-import-${name}-file`} type="file" accept=".csv,text/csv" onChange={read(set)} />
              <label htmlFor={`hr-import-${name}`}>{t(`${name}Text`)}</label>
              <p id={`hr-import-${name}-help`} className="k-muted">{t("columns", { columns: HEADERS[name].split(",").join(", ") })}</p>
              <textarea id={`hr-import-${name}`} value={value} aria-describedby={`hr-import-${name}-help`} spellCheck={false}
                onChange={(e) => set(e.target.value)} />
            </div>
          ))}
        </div>
        <div className="hr-actions">
          <button type="submit" className="k-button k-primary" disabled={running.loading}>
            {running.loading ? t("submitting") : t("submit")}
          </button>
        </div>
      </form>
      {problem && (
        <div className="k-card" data-testid="hr-import-problem">
          <div className="k-alert k-alert-error" role="alert">{problem.message}</div>
          {problem.errors.length > 0 && (
            <div className="k-table-wrap" tabIndex={0} role="region" aria-label={t("errors")}>
              <table className="hr-errors" data-testid="hr-import-errors">
                <caption className="k-sr-only">{t("errors")}</caption>
                <thead>
                  <tr><th scope="col">{t("file")}</th><th scope="col">{t("row")}</th><th scope="col">{t("column")}</th><th scope="col">{t("message")}</th></tr>
                </thead>
                <tbody>
                  {problem.errors.map((e, i) => (
                    <tr key={i}>
                      <td>{fileName(e.file)}</td>
                      <td>{String(e.row ?? "–")}</td>
                      <td>{e.column ? <code>{String(e.column)}</code> : "–"}</td>
                      <td>{e.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {problem.truncated > 0 && <p data-testid="hr-import-more">{t("more", { n: problem.truncated })}</p>}
        </div>
      )}
      {result && (
        <div className="k-card" data-testid="hr-import-result">
          <div className="k-alert k-alert-success" role="status">{t("done")}</div>
          <dl className="hr-figures">
            {(["unitsCreated", "unitsUpdated", "employeesCreated", "employeesUpdated", "accountsCreated"] as const).map((k) => (
              <div key={k}><dt>{t(k)}</dt><dd>{result[k]}</dd></div>
            ))}
          </dl>
        </div>
      )}
    </section>
  );
}
