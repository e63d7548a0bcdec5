/**
 * Indonesian by default, English by the switch in the header (kept in localStorage: a display
 * preference, never a credential). Each screen keeps its own messages next to its code
 * (`defineMessages`), so screens can change independently; dates and numbers use Intl with the
 * Asia/Jakarta time zone (WIB), whatever the browser's zone.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";

export type Language = "id" | "en";
const STORAGE_KEY = "kinerja.language";
const TIME_ZONE = "Asia/Jakarta";

export function currentLanguage(): Language {
  return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "id";
}

type Messages<K extends string> = { id: Record<K, string>; en: Record<K, string> };

/** A screen's messages: the same keys in both languages (the type checker enforces it). */
export function defineMessages<K extends string>(messages: Messages<K>): Messages<K> {
  return messages;
}

interface LanguageState {
  language: Language;
  setLanguage: (language: Language) => void;
}

const LanguageContext = createContext<LanguageState>({ language: "id", setLanguage: () => undefined });

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setState] = useState<Language>(currentLanguage);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    setState(next);
  }, []);
  document.documentElement.lang = language;
  const value = useMemo(() => ({ language, setLanguage }), [language, setLanguage]);
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): LanguageState {
  return useContext(LanguageContext);
}

/** t(key, {name: "…"}) in the current language; `{name}` placeholders are filled in. */
export function useT<K extends string>(messages: Messages<K>) {
  const { language } = useLanguage();
  return useCallback(
    (key: K, values?: Record<string, string | number>) => {
      let text = messages[language][key] ?? messages.id[key] ?? key;
      for (const [name, value] of Object.entries(values ?? {})) text = text.split(`{${name}}`).join(String(value));
      return text;
    },
    [language, messages],
  );
}

function locale(language: Language): string {
  return language === "id" ? "id-ID" : "en-GB";
}

/** "12 Jan 2027 14.30 WIB": a moment in Jakarta time. */
export function formatDateTime(iso: string | null | undefined, language: Language): string {
  if (!iso) return "–";
  const text = new Intl.DateTimeFormat(locale(language), {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: TIME_ZONE,
  }).format(new Date(iso));
  return `${text} WIB`;
}

/** "12 Januari 2027": a calendar date (GraphQL Date, no time zone). */
export function formatDate(isoDate: string | null | undefined, language: Language): string {
  if (!isoDate) return "–";
  const [year, month, day] = isoDate.slice(0, 10).split("-").map(Number);
  return new Intl.DateTimeFormat(locale(language), { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}

export function formatNumber(value: number, language: Language, digits = 0): string {
  return new Intl.NumberFormat(locale(language), { maximumFractionDigits: digits }).format(value);
}

/** The shared labels of the domain's enums, so every screen names them the same way. */
export const enumLabels = defineMessages({
  id: {
    DRAFT: "Draf", SUBMITTED: "Diajukan", APPROVED: "Disetujui", RETURNED: "Dikembalikan",
    SELF_ASSESSMENT: "Penilaian mandiri", RATING: "Penilaian atasan", APPROVAL: "Persetujuan", FINAL: "Final",
    READY: "Terbuka", COMPLETED: "Selesai", CANCELLED: "Dibatalkan",
    DI_ATAS_EKSPEKTASI: "Di atas ekspektasi", SESUAI_EKSPEKTASI: "Sesuai ekspektasi", DI_BAWAH_EKSPEKTASI: "Di bawah ekspektasi",
    SANGAT_BAIK: "Sangat Baik", BAIK: "Baik", BUTUH_PERBAIKAN: "Butuh Perbaikan", KURANG: "Kurang", SANGAT_KURANG: "Sangat Kurang",
    KUANTITAS: "Kuantitas", KUALITAS: "Kualitas", WAKTU: "Waktu", BIAYA: "Biaya",
    UTAMA: "Utama", TAMBAHAN: "Tambahan",
    BERORIENTASI_PELAYANAN: "Berorientasi Pelayanan", AKUNTABEL: "Akuntabel", KOMPETEN: "Kompeten",
    HARMONIS: "Harmonis", LOYAL: "Loyal", ADAPTIF: "Adaptif", KOLABORATIF: "Kolaboratif",
    QUARTER: "Triwulan", ANNUAL: "Tahunan", MONTH: "Bulan", SEMESTER: "Semester", ISTIMEWA: "Istimewa",
    PENDING: "Menunggu", RUNNING: "Berjalan", DONE: "Selesai", FAILED: "Gagal",
  },
  en: {
    DRAFT: "Draft", SUBMITTED: "Submitted", APPROVED: "Approved", RETURNED: "Returned",
    SELF_ASSESSMENT: "Self-assessment", RATING: "Rating", APPROVAL: "Approval", FINAL: "Final",
    READY: "Open", COMPLETED: "Completed", CANCELLED: "Cancelled",
    DI_ATAS_EKSPEKTASI: "Above expectations", SESUAI_EKSPEKTASI: "Meets expectations", DI_BAWAH_EKSPEKTASI: "Below expectations",
    SANGAT_BAIK: "Very good", BAIK: "Good", BUTUH_PERBAIKAN: "Needs improvement", KURANG: "Poor", SANGAT_KURANG: "Very poor",
    KUANTITAS: "Quantity", KUALITAS: "Quality", WAKTU: "Time", BIAYA: "Cost",
    UTAMA: "Main", TAMBAHAN: "Additional",
    BERORIENTASI_PELAYANAN: "Service-oriented", AKUNTABEL: "Accountable", KOMPETEN: "Competent",
    HARMONIS: "Harmonious", LOYAL: "Loyal", ADAPTIF: "Adaptive", KOLABORATIF: "Collaborative",
    QUARTER: "Quarter", ANNUAL: "Annual", MONTH: "Month", SEMESTER: "Semester", ISTIMEWA: "Outstanding",
    PENDING: "Pending", RUNNING: "Running", DONE: "Done", FAILED: "Failed",
  },
});

export function useEnumLabel() {
  const t = useT(enumLabels);
  return (value: string | null | undefined) =>
    value ? (value in enumLabels.id ? t(value as keyof typeof enumLabels.id) : value) : "–";
}

/** "Triwulan 1", "Tahunan": one name for a period on every screen. */
export function usePeriodLabel() {
  const label = useEnumLabel();
  return (period: { kind: string; number: number }) =>
    period.kind === "YEAR" ? label("ANNUAL") : `${label(period.kind)} ${period.number}`;
}
