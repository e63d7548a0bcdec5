/** Placeholder (owned by the SKP screens): the plan under review, shown on a task page. */
export function PlanSummary({ planId }: { planId: string }) {
  return <p data-plan-id={planId}>SKP</p>;
}
