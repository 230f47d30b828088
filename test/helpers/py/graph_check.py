"""Reads graph.graphml and graph.gexf with networkx as a recipient would and prints JSON: node and
edge counts, edge ids, the graph's own data, and the Python type of each attribute of one application
and one identifier node."""
import json
import sys

import networkx as nx


def describe(g, edge_id_key):
    apps = [n for n, a in g.nodes(data=True) if a.get("kind") == "application"]
    idents = [n for n, a in g.nodes(data=True) if a.get("kind") not in (None, "application")]
    sample = lambda n: {k: [type(v).__name__, v] for k, v in g.nodes[n].items()} if n else None
    return {
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "applications": len(apps),
        "graph": {k: v for k, v in g.graph.items() if isinstance(v, (str, int, float, bool))},
        "edge_ids": sorted(str(d.get(edge_id_key)) for _, _, d in g.edges(data=True)),
        "application": sample(apps[0] if apps else None),
        "identifier": sample(idents[0] if idents else None),
    }


graphml = nx.read_graphml(sys.argv[1])
gexf = nx.read_gexf(sys.argv[2])
print(json.dumps({"graphml": describe(graphml, "id"), "gexf": describe(gexf, "id")}, default=str))
