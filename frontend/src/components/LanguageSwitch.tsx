import { useLanguage } from "../i18n";

/** Bahasa Indonesia / English: the app's texts, dates and the server's messages follow it. */
export function LanguageSwitch() {
  const { language, setLanguage } = useLanguage();
  return (
    <div className="k-lang" role="group" aria-label="Bahasa / Language">
      <button type="button" aria-pressed={language === "id"} onClick={() => setLanguage("id")} lang="id">ID</button>
      <button type="button" aria-pressed={language === "en"} onClick={() => setLanguage("en")} lang="en">EN</button>
    </div>
  );
}
