import { useState } from 'react';
import type { NodeType } from '../../automation/dsl';
import { SearchIcon } from '../../components/icons';
import { NodeTypeList } from './NodeTypeList';

/** The left-hand palette: drag a step onto the canvas, or click (Enter) to add it after the selected step. */
export function Palette({ onAdd, hasTrigger }: { onAdd(type: NodeType): void; hasTrigger: boolean }) {
  const [query, setQuery] = useState('');
  return (
    <aside className="palette" aria-label="Steps">
      <label className="search palette-search">
        <SearchIcon className="search-icon" width={15} height={15} />
        <span className="visually-hidden">Search steps</span>
        <input type="search" className="input search-input" placeholder="Search steps" value={query} onChange={(e) => setQuery(e.target.value)} />
      </label>
      <p className="palette-tip">Drag onto the canvas, or click to add after the selected step.</p>
      <NodeTypeList
        query={query}
        draggable
        onPick={onAdd}
        disabled={(type) => (type === 'trigger' && hasTrigger ? 'An automation has one trigger' : null)}
      />
    </aside>
  );
}
