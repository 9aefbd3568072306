/** A proposal's facts as list items (the caller's list holds them): one wording for the panel, the meeting's card and the pack. */
import { For } from 'solid-js';
import type { Proposal } from '../../analysis/tasking/proposals';
import { proposalFacts } from '../../state/tasking-view';
import { useApp } from '../context';

export function ProposalFacts(props: { proposal: Proposal; sizeTestId?: string }) {
  const app = useApp();
  const facts = () => proposalFacts(props.proposal, app.clusters.names().borough ?? new Map<string, string>());
  return <For each={facts()}>{(f, i) => <li data-testid={i() === 0 ? props.sizeTestId : undefined}>{f}</li>}</For>;
}
