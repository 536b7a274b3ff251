/** A page whose screen is not built yet: says what will be there instead of showing nothing. */
export function PlannedPage({ title, what }: { title: string; what: string }) {
  return (
    <section className="page">
      <header className="page-header">
        <h1>{title}</h1>
      </header>
      <p className="muted">{what}</p>
    </section>
  );
}
