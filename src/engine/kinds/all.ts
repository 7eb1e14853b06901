/** Every world kind with its deferred parts loaded, for Node entry points (the CLI, tests, the bench). */
import './linux.ts';
import './docker.ts';
import './kubernetes.ts';
import './aws.ts';
import '../aws/eks-domain.ts';
