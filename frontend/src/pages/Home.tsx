/** Placeholder: built next (issue 12). */
export default function Home() {
  return <h1>Home</h1>;
}
