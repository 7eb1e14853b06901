// Every world kind is available to unit tests, as in the CLI (pages load only their own).
import '../src/engine/kinds/all.ts';
