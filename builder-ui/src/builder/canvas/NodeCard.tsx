import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { NODE_SPECS } from '../../automation/dsl';
import { exitsOf } from '../graph/exits';
import type { FlowNode } from '../graph/to-flow';
import { WarningIcon } from '../node-icons';
import { nodeUi } from '../nodes/registry';

/** A node drawn as the sentence it performs, with its named exits as handles along the bottom. */
function NodeCardView({ data, selected }: NodeProps<FlowNode>) {
  const { node, problems, env, overlay, wired } = data;
  const ui = nodeUi(node.type);
  const Icon = ui.icon;
  const sentence = ui.sentence(node.data as never, env);
  const exits = exitsOf(node);
  const main = exits.filter((e) => !e.optional);
  const optional = exits.filter((e) => e.optional);
  const label = typeof node.data.label === 'string' && node.data.label ? node.data.label : null;
  const classes = [
    'flow-node',
    `flow-node-${NODE_SPECS[node.type]?.category ?? 'other'}`,
    selected ? 'is-selected' : '',
    problems.length > 0 ? 'has-problems' : '',
    overlay?.state ? `is-${overlay.state}` : '',
  ].filter(Boolean);

  return (
    <div className={classes.join(' ')} data-node-id={node.id} data-testid={`node-${node.id}`}>
      {node.type !== 'trigger' && node.type !== 'goal' && <Handle type="target" position={Position.Top} className="flow-handle flow-handle-in" />}
      <div className="flow-node-head">
        <span className="flow-node-icon" aria-hidden="true">
          <Icon width={15} height={15} />
        </span>
        <span className="flow-node-kind">{ui.title}</span>
        {overlay?.count !== undefined && (
          <span className="flow-node-count" title={`${overlay.count} runs reached this step`}>
            {overlay.count}
          </span>
        )}
        {problems.length > 0 && (
          <span className="flow-node-badge" title={problems.map((p) => p.message).join('\n')} aria-label={`${problems.length} problem${problems.length === 1 ? '' : 's'}`}>
            <WarningIcon width={12} height={12} />
            {problems.length}
          </span>
        )}
      </div>
      {label && <div className="flow-node-title">{label}</div>}
      <div className="flow-node-sentence">{sentence}</div>
      {overlay?.note && <div className="flow-node-note">{overlay.note}</div>}
      {problems[0] && <div className="flow-node-problem">{problems[0].message}</div>}
      {main.length > 0 && (
        <div className="flow-node-exits">
          {main.map((exit, i) => (
            <div key={exit.handle} className="flow-node-exit" style={{ left: `${((i + 1) / (main.length + 1)) * 100}%` }}>
              {(main.length > 1 || exit.handle !== 'next') && <span className="flow-node-exit-label">{exit.label}</span>}
              <Handle
                type="source"
                id={exit.handle}
                position={Position.Bottom}
                className={`flow-handle${wired.includes(exit.handle) ? '' : ' flow-handle-unwired'}`}
                aria-label={`${exit.label} exit`}
              />
            </div>
          ))}
        </div>
      )}
      {optional.map((exit) => (
        <div key={exit.handle} className="flow-node-side-exit">
          <span className="flow-node-exit-label">{exit.label}</span>
          <Handle type="source" id={exit.handle} position={Position.Right} className="flow-handle flow-handle-optional" aria-label={`${exit.label} exit`} />
        </div>
      ))}
    </div>
  );
}

export const NodeCard = memo(NodeCardView);
