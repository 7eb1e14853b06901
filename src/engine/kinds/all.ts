/** Every world kind, for Node entry points (the CLI, tests, the bench). */
import './linux.ts';
import './docker.ts';
import './kubernetes.ts';
import './aws.ts';
