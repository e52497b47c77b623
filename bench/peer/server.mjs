// The peer: @neo4j/graphql 7 on Apollo Server's standalone HTTP server, against the same
// Neo4j as treatygraph. PEER_PORT, NEO4J_URI (bolt://127.0.0.1:7687), NEO4J_USER/PASSWORD.
import { readFileSync } from "node:fs";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

const typeDefs = readFileSync(new URL("./typeDefs.graphql", import.meta.url), "utf8");
const uri = process.env.NEO4J_URI ?? "bolt://127.0.0.1:7687";
const auth = process.env.NEO4J_PASSWORD
  ? neo4j.auth.basic(process.env.NEO4J_USER ?? "neo4j", process.env.NEO4J_PASSWORD)
  : undefined;
const driver = neo4j.driver(uri, auth, { maxConnectionPoolSize: 64 });

const neoSchema = new Neo4jGraphQL({ typeDefs, driver });
const server = new ApolloServer({ schema: await neoSchema.getSchema(), introspection: true });
const port = Number(process.env.PEER_PORT ?? 4000);
const { url } = await startStandaloneServer(server, {
  listen: { host: "127.0.0.1", port },
  context: async () => ({ sessionConfig: { database: process.env.NEO4J_DATABASE ?? "neo4j" } }),
});
console.log(`peer: @neo4j/graphql on ${url}`);
const stop = async () => { await server.stop(); await driver.close(); process.exit(0); };
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
