// A step DAG drawn as SVG: steps in columns by depth (longest path from a
// root), edges from each dependency to its dependant. Nodes are focusable
// and carry `data-step` / `data-state`, so they can be driven by keyboard
// and found by tests.
import { StepState } from "../../gen/ts/tasker/v1/common_pb";
import { svg } from "./dom";
import { stepStateName, stepTone } from "./states";

export interface DagNode {
  name: string;
  dependsOn: string[];
  state: StepState;
}

const W = 150;
const H = 44;
const GAP_X = 60;
const GAP_Y = 18;

export function layout(nodes: DagNode[]): Map<string, { x: number; y: number }> {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (name: string): number => {
    const known = depth.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) return 0;
    visiting.add(name);
    const node = byName.get(name);
    let d = 0;
    for (const dep of node?.dependsOn ?? []) {
      if (byName.has(dep)) d = Math.max(d, depthOf(dep) + 1);
    }
    visiting.delete(name);
    depth.set(name, d);
    return d;
  };
  const columns: string[][] = [];
  for (const node of nodes) {
    const d = depthOf(node.name);
    (columns[d] ??= []).push(node.name);
  }
  const positions = new Map<string, { x: number; y: number }>();
  columns.forEach((column, c) => {
    column.forEach((name, r) => {
      positions.set(name, { x: 10 + c * (W + GAP_X), y: 10 + r * (H + GAP_Y) });
    });
  });
  return positions;
}

export function drawDag(
  nodes: DagNode[],
  onSelect?: (name: string) => void,
  selected?: string,
): SVGElement {
  const positions = layout(nodes);
  let width = 0;
  let height = 0;
  for (const p of positions.values()) {
    width = Math.max(width, p.x + W + 10);
    height = Math.max(height, p.y + H + 10);
  }
  const root = svg("svg", {
    class: "dag",
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: "group",
    "aria-label": "Step graph",
  });
  root.append(
    svg(
      "defs",
      {},
      svg(
        "marker",
        { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto" },
        svg("path", { d: "M0,0 L10,5 L0,10 z", class: "arrowhead" }),
      ),
    ),
  );
  for (const node of nodes) {
    const to = positions.get(node.name);
    if (!to) continue;
    for (const dep of node.dependsOn) {
      const from = positions.get(dep);
      if (!from) continue;
      const x1 = from.x + W;
      const y1 = from.y + H / 2;
      const x2 = to.x;
      const y2 = to.y + H / 2;
      const mid = (x1 + x2) / 2;
      root.append(
        svg("path", { class: "edge", d: `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`, "marker-end": "url(#arrow)" }),
      );
    }
  }
  for (const node of nodes) {
    const p = positions.get(node.name);
    if (!p) continue;
    const stateName = stepStateName(node.state);
    const state = stateName.toLowerCase().replace(/_/g, " ");
    const g = svg("g", {
      class: `node ${stepTone(node.state)}${selected === node.name ? " selected" : ""}`,
      transform: `translate(${p.x},${p.y})`,
      tabindex: 0,
      role: "button",
      "data-step": node.name,
      "data-state": stateName,
      "aria-label": `${node.name}: ${state}`,
    });
    g.append(
      svg("title", {}, `${node.name}: ${state}`),
      svg("rect", { width: W, height: H, rx: 6 }),
      svg("text", { x: 10, y: 18, class: "name" }, node.name.length > 20 ? `${node.name.slice(0, 19)}…` : node.name),
      svg("text", { x: 10, y: 35, class: "state" }, state),
    );
    if (onSelect) {
      g.addEventListener("click", () => onSelect(node.name));
      g.addEventListener("keydown", (event) => {
        const key = (event as KeyboardEvent).key;
        if (key === "Enter" || key === " ") {
          event.preventDefault();
          onSelect(node.name);
        }
      });
    }
    root.append(g);
  }
  return root;
}
