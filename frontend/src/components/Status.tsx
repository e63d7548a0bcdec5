/** Loading and error states, announced to screen readers. */
import { defineMessages, useEnumLabel, useT } from "../i18n";
import { problemOf } from "../errors";

const text = defineMessages({
  id: { loading: "Memuat…", NOT_FOUND: "Tidak ditemukan, atau Anda tidak berhak melihatnya.", NETWORK: "Tidak dapat menghubungi server. Periksa jaringan, lalu coba lagi." },
  en: { loading: "Loading…", NOT_FOUND: "Not found, or you may not see it.", NETWORK: "Cannot reach the server. Check the network and try again." },
});

export function Loading() {
  const t = useT(text);
  return (
    <p className="k-loading" role="status" aria-live="polite">
      {t("loading")}
    </p>
  );
}

export function ProblemBox({ error, message }: { error?: unknown; message?: string }) {
  const t = useT(text);
  const problem = error ? problemOf(error) : null;
  const shown = message ?? (problem?.code === "NETWORK" ? t("NETWORK") : problem?.message ?? t("NOT_FOUND"));
  return (
    <div className="k-alert k-alert-error" role="alert">
      {shown}
    </div>
  );
}

export function Notice({ children }: { children: React.ReactNode }) {
  return (
    <div className="k-alert k-alert-info" role="status" aria-live="polite">
      {children}
    </div>
  );
}

/** A plan's, evaluation's, task's or job's state as a coloured label (the word, not only the colour). */
export function StatusBadge({ status }: { status: string }) {
  const label = useEnumLabel();
  return <span className={`k-status k-status-${status}`}>{label(status)}</span>;
}
