// Until the schema has Relay ids, Apollo needs told each type's natural key.
import type { TypePolicies } from "@apollo/client/core/index.js";

export const KEY_FIELDS: TypePolicies = {
  Country: { keyFields: ["iso3"] },
  Treaty: { keyFields: ["slug"] },
  Person: { keyFields: ["key"] },
  Recommendation: { keyFields: ["key"] },
  TreatyEvent: { keyFields: ["key"] },
  Membership: { keyFields: ["key"] },
  Statement: { keyFields: ["key"] },
};
