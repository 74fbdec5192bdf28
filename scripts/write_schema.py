"""Write servicecommunity/resources/bundle.schema.json from the model. Run after changing a table."""

import json
from pathlib import Path

from servicecommunity.exchange.bundle import json_schema

target = Path(__file__).resolve().parent.parent / "servicecommunity" / "resources" / "bundle.schema.json"
target.write_text(json.dumps(json_schema(), indent=2, sort_keys=True) + "\n", encoding="utf-8")
print(f"wrote {target}")
