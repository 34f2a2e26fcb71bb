// Shown when the page runs without the preload: a clear reason instead of a blank window.
export function MissingApi() {
  return (
    <main className="missing-api" role="alert">
      <h1>OTR Desk cannot start</h1>
      <p>The connection to the app (window.otrDesk) is missing. Start OTR Desk from its own program, not a browser tab.</p>
      <p lang="nl">De verbinding met de app ontbreekt. Start OTR Desk via het programma zelf, niet in een browsertabblad.</p>
    </main>
  );
}
