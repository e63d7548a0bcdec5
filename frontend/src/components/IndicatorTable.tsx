/** A work result's indicators (aspect, indicator, target with unit): on SKP saya and in the
 * plan shown beside a review task. */
import { defineMessages, useEnumLabel, useT } from "../i18n";

const text = defineMessages({
  id: { indicators: "Indikator kinerja", aspect: "Aspek", indicator: "Indikator", target: "Target" },
  en: { indicators: "Performance indicators", aspect: "Aspect", indicator: "Indicator", target: "Target" },
});

export interface IndicatorRow {
  id: string;
  aspect: string;
  text: string;
  target: string;
  unit: string;
}

export function IndicatorTable({ indicators }: { indicators: IndicatorRow[] }) {
  const t = useT(text);
  const label = useEnumLabel();
  if (!indicators.length) return null;
  return (
    <div className="k-table-wrap">
      <table>
        <caption className="k-sr-only">{t("indicators")}</caption>
        <thead>
          <tr><th scope="col">{t("aspect")}</th><th scope="col">{t("indicator")}</th><th scope="col">{t("target")}</th></tr>
        </thead>
        <tbody>
          {indicators.map((indicator) => (
            <tr key={indicator.id}>
              <td>{label(indicator.aspect)}</td>
              <td>{indicator.text}</td>
              <td>{indicator.target} {indicator.unit}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
