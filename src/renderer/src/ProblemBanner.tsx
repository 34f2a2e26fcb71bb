// The last failed action, in words, until the user closes it.
import { useApp, useT } from './store/context.js';
import { errorText } from './ui/error-text.js';

export function ProblemBanner() {
  const t = useT();
  const problem = useApp((s) => s.problem);
  const showProblem = useApp((s) => s.showProblem);
  if (!problem) return null;
  return (
    <div className="banner banner-problem" role="alert">
      <span>{errorText(t, problem)}</span>
      <button type="button" onClick={() => showProblem(null)}>
        {t('app.close')}
      </button>
    </div>
  );
}
