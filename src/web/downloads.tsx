/** Downloads of the runs in the figure: the figure (PNG, SVG), data (CSV, JSON), scenario (YAML) and model (SBML). */

/** Save text as a file in the browser. */
export function saveText(text: string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function Downloads({ runIds }: { runIds: readonly string[] }) {
  if (runIds.length === 0) return null;
  const ids = runIds.join(",");
  const one = runIds.length === 1 ? runIds[0] : undefined;
  const links: { label: string; href: string; title: string; testid: string }[] = [
    {
      label: "PNG",
      href: `/api/charts?runs=${ids}&format=png`,
      title: "the figure, about 300 dpi",
      testid: "download-png",
    },
    {
      label: "SVG",
      href: `/api/charts?runs=${ids}&format=svg`,
      title: "the figure as vector graphics",
      testid: "download-svg",
    },
    {
      label: "CSV",
      href: one ? `/api/runs/${one}/result.csv` : `/api/compare.csv?runs=${ids}`,
      title: one
        ? "the time courses, one column per observable"
        : "the time courses of every run, stacked with a run column",
      testid: "download-csv",
    },
    ...(one
      ? [
          {
            label: "JSON",
            href: `/api/runs/${one}/result.json`,
            title: "everything, as il6sim run --format json",
            testid: "download-json",
          },
          {
            label: "YAML",
            href: `/api/runs/${one}/scenario.yaml`,
            title: "the resolved scenario: il6sim run takes it back",
            testid: "download-yaml",
          },
          {
            label: "SBML",
            href: `/api/runs/${one}/sbml`,
            title: "the run's model (organism, genotype, overrides) as SBML L3V2",
            testid: "download-sbml",
          },
        ]
      : []),
  ];
  return (
    <nav class="downloads" aria-label="downloads">
      {links.map((l) => (
        <a key={l.label} href={l.href} title={l.title} download data-testid={l.testid}>
          {l.label}
        </a>
      ))}
    </nav>
  );
}
