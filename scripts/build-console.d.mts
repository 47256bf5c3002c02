/** Builds the web console's static files (app.js, index.html, style.css) into `outDir`. */
export function buildConsole(outDir: string): Promise<void>;
