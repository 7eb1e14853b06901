/** An EKS cluster is a real Kubernetes cluster: EKS-shaped nodes, node group scaling, Fargate nodes, ELB hostnames, contexts. */
import { expect, it } from 'vitest';
import { newSession, runIn } from '../../../helpers/run.ts';

it('gives eksctl clusters EKS-shaped nodes that kubectl sees and node groups scale', async () => {
  const s = newSession('aws');
  expect((await runIn(s, 'eksctl create cluster --name demo --nodes 2 --nodes-max 3 --node-type t3.medium')).exitCode).toBe(0);
  expect(await runIn(s, 'kubectl get nodes')).toEqual({
    stdout: 'NAME                             STATUS   ROLES    AGE   VERSION\nip-192-168-29-162.ec2.internal   Ready    <none>   0s    v1.34.1-eks-113cf36\nip-192-168-58-218.ec2.internal   Ready    <none>   0s    v1.34.1-eks-113cf36\n',
    stderr: '',
    exitCode: 0,
  });
  expect((await runIn(s, 'kubectl get nodes -L topology.kubernetes.io/zone,node.kubernetes.io/instance-type')).stdout).toBe(
    // eksctl's VPC: node group nodes go to the public subnets, 192.168.0.0/19 in zone a and 192.168.32.0/19 in zone b.
    'NAME                             STATUS   ROLES    AGE   VERSION               ZONE         INSTANCE-TYPE\nip-192-168-29-162.ec2.internal   Ready    <none>   0s    v1.34.1-eks-113cf36   us-east-1a   t3.medium\nip-192-168-58-218.ec2.internal   Ready    <none>   0s    v1.34.1-eks-113cf36   us-east-1b   t3.medium\n',
  );
  await runIn(s, 'eksctl scale nodegroup --cluster demo --name ng-demo0000 --nodes 3');
  expect((await runIn(s, 'kubectl get nodes --no-headers | wc -l')).stdout.trim()).toBe('3');
  await runIn(s, 'eksctl scale nodegroup --cluster demo --name ng-demo0000 --nodes 1 --nodes-min 1');
  expect((await runIn(s, 'kubectl get nodes --no-headers | wc -l')).stdout.trim()).toBe('1');
});

it('runs pods that match a Fargate profile on their own fargate nodes and gives LoadBalancers ELB names', async () => {
  const s = newSession('aws');
  await runIn(s, 'eksctl create cluster --name demo --region eu-west-1 --nodes 1');
  await runIn(s, 'eksctl create fargateprofile --cluster demo --region eu-west-1 --name fp-serverless --namespace serverless');
  await runIn(s, 'kubectl create namespace serverless');
  await runIn(s, 'kubectl run a -n serverless --image=nginx; kubectl run b --image=nginx');
  expect((await runIn(s, 'kubectl get pod a -n serverless -o jsonpath={.status.phase}/{.spec.schedulerName}')).stdout).toBe('Pending/fargate-scheduler');
  await runIn(s, 'sleep 60');
  const nodes = (await runIn(s, 'kubectl get pods -A -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName --no-headers')).stdout;
  expect(nodes).toMatch(/^a +fargate-ip-192-168-\d+-\d+\.eu-west-1\.compute\.internal$/m);
  expect(nodes).toMatch(/^b +ip-192-168-\d+-\d+\.eu-west-1\.compute\.internal$/m);
  expect((await runIn(s, 'kubectl get events -n serverless --field-selector reason=Scheduled -o jsonpath={.items[0].source.component}')).stdout).toBe('fargate-scheduler');
  await runIn(s, 'kubectl expose pod b --port 80 --type LoadBalancer');
  await runIn(s, 'sleep 5');
  expect((await runIn(s, 'kubectl get svc b -o jsonpath={.status.loadBalancer.ingress[0].hostname}')).stdout).toMatch(/^a[0-9a-f]{31}-\d+\.eu-west-1\.elb\.amazonaws\.com$/);
  // The Fargate node goes with its pod.
  await runIn(s, 'kubectl delete pod a -n serverless');
  await runIn(s, 'sleep 40');
  expect((await runIn(s, 'kubectl get nodes --no-headers | grep -c fargate')).stdout.trim()).toBe('0');
});

it('gives pods VPC addresses: from their node\'s subnet on node groups, the Fargate node\'s own on Fargate', async () => {
  const s = newSession('aws');
  await runIn(s, 'eksctl create cluster --name demo --nodes 2');
  await runIn(s, 'eksctl create fargateprofile --cluster demo --name fp --namespace serverless');
  await runIn(s, 'kubectl create namespace serverless; kubectl create deployment web --image=nginx --replicas=4; kubectl run fg -n serverless --image=nginx');
  await runIn(s, 'sleep 90');
  const pods = (await runIn(s, 'kubectl get pods -A -o jsonpath=\'{range .items[*]}{.status.podIP} {.status.hostIP} {.spec.nodeName}{"\\n"}{end}\'')).stdout.trim().split('\n');
  const subnet = (ip: string) => Math.floor(Number(ip.split('.')[2]) / 32);
  const ips = new Set<string>();
  for (const line of pods) {
    const [podIp, hostIp, node] = line.split(' ') as [string, string, string];
    expect(node).toBe(`${node.startsWith('fargate-') ? 'fargate-' : ''}ip-${hostIp.replaceAll('.', '-')}.ec2.internal`);
    expect(podIp).toMatch(/^192\.168\.\d+\.\d+$/);
    if (node.startsWith('fargate-')) {
      expect(podIp).toBe(hostIp);
      expect(subnet(podIp)).toBeGreaterThanOrEqual(2); // a private subnet
    } else expect(subnet(podIp)).toBe(subnet(hostIp));
    // kube-proxy runs on the host network; every other pod has an address of its own.
    if (podIp !== hostIp || node.startsWith('fargate-')) {
      expect(ips.has(podIp)).toBe(false);
      ips.add(podIp);
    }
  }
  expect(pods.filter((l) => l.includes('fargate-'))).toHaveLength(1);
  const wide = (await runIn(s, 'kubectl get pod fg -n serverless -o wide --no-headers')).stdout.split(/ +/);
  expect(wide[6]).toBe(`fargate-ip-${wide[5]!.replaceAll('.', '-')}.ec2.internal`);
});

it('adds a context on update-kubeconfig and forgets the cluster on delete', async () => {
  const s = newSession('aws');
  await runIn(s, 'eksctl create cluster --name demo --nodes 1');
  expect(await runIn(s, 'aws eks update-kubeconfig --name demo --alias demo')).toEqual({ stdout: 'Added new context demo to /home/learner/.kube/config\n', stderr: '', exitCode: 0 });
  expect((await runIn(s, 'kubectl config current-context')).stdout).toBe('demo\n');
  await runIn(s, 'eksctl delete cluster --name demo');
  expect((await runIn(s, 'kubectl config get-contexts -o name')).stdout).toBe('');
});
