// What the action needs from the Actions runtime, as an interface: main.ts binds it to @actions/core; the
// end-to-end test runs the real bundle, so this exists for clarity of dependencies, not for mocking.
export interface AnnotationProps {
  file: string;
  startLine: number;
  title: string;
}

export interface Runner {
  env: Record<string, string | undefined>;
  getInput(name: string): string;
  setOutput(name: string, value: string | number): void;
  setSecret(value: string): void;
  info(message: string): void;
  warning(message: string, props?: AnnotationProps): void;
  error(message: string, props?: AnnotationProps): void;
  notice(message: string, props?: AnnotationProps): void;
  setFailed(message: string): void;
  writeSummary(markdown: string): Promise<void>;
  getIDToken(audience: string): Promise<string>;
}
