/** Placeholder: built next (issue 12). */
export default function MyPlan() {
  return <h1>MyPlan</h1>;
}
