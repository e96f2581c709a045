import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type EdgeProps } from '@xyflow/react';
import { memo, useEffect, useRef, useState } from 'react';
import type { FlowEdge } from '../graph/to-flow';
import { NodeTypeList } from '../palette/NodeTypeList';
import { useCanvasActions } from './actions';

/** An edge with its exit's name, problems in red, the taken path in colour, and "+" to insert a step. */
function AutomationEdgeView({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd }: EdgeProps<FlowEdge>) {
  const actions = useCanvasActions();
  const [menu, setMenu] = useState(false);
  const [query, setQuery] = useState('');
  const menuRef = useRef<HTMLDivElement>(null);
  const [path, labelX, labelY] = getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, borderRadius: 10, offset: 18 });
  const problems = data?.problems ?? [];
  const cls = ['flow-edge', problems.length ? 'has-problems' : '', data?.taken ? 'is-taken' : '', selected ? 'is-selected' : ''].filter(Boolean).join(' ');

  useEffect(() => {
    if (!menu) return;
    const close = (e: MouseEvent) => {
      if (menuRef.current && !menuRef.current.contains(e.target as Node)) setMenu(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [menu]);

  return (
    <>
      <BaseEdge id={id} path={path} className={cls} markerEnd={markerEnd} interactionWidth={18} />
      <EdgeLabelRenderer>
        <div className="flow-edge-label nodrag nopan" style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}>
          {data?.label && <span className={`flow-edge-name${data.taken ? ' is-taken' : ''}`}>{data.label}</span>}
          {problems.length > 0 && (
            <span className="flow-edge-problem" title={problems.map((p) => p.message).join('\n')}>
              {problems[0]!.message}
            </span>
          )}
          {actions && data?.insertable && (
            <button type="button" className="flow-edge-add" aria-label={`Insert a step on ${id}`} title="Insert a step here" onClick={() => setMenu((v) => !v)}>
              +
            </button>
          )}
          {menu && actions && (
            <div className="insert-menu" ref={menuRef} role="dialog" aria-label="Insert a step">
              <input
                className="input"
                autoFocus
                placeholder="Search steps"
                aria-label="Search steps to insert"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                onKeyDown={(e) => e.key === 'Escape' && setMenu(false)}
              />
              <div className="insert-menu-list">
                <NodeTypeList
                  query={query}
                  disabled={(type) => (type === 'trigger' || type === 'goal' ? 'Not inside a path' : null)}
                  onPick={(type) => {
                    setMenu(false);
                    actions.insertOnEdge(id, type);
                  }}
                />
              </div>
            </div>
          )}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

export const AutomationEdge = memo(AutomationEdgeView);
