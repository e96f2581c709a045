import type { NodeFormProps } from '../types';

export function EndForm(_props: NodeFormProps<'end'>) {
  return <p className="field-hint">The run ends here. Every exit must lead somewhere, so wire loose exits to an End.</p>;
}
