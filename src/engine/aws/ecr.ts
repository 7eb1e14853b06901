/**
 * Amazon ECR: repositories in the account's registry `ACCOUNT.dkr.ecr.REGION.amazonaws.com`,
 * `get-login-password` tokens that `docker login` accepts for 12 hours, and the images
 * `docker push` stored, as `describe-images` reports them.
 */
import { base64, unbase64 } from '../util/base64.ts';
import { registerRegistryProvider } from '../runtime/registry.ts';
import { docker } from '../runtime/state.ts';
import { imageSize } from '../runtime/layers.ts';
import type { World } from '../world.ts';
import { AwsError, type Service } from './cli/types.ts';
import { ECR_OPS } from './cli/names.generated.ts';
import { awsTime, hex } from './ids.ts';
import { ACCOUNT, aws, type EcrRepo } from './state.ts';

const HOST = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com$/;
const TOKEN_MS = 12 * 3_600_000;

export function registryHost(region: string): string {
  return `${ACCOUNT}.dkr.ecr.${region}.amazonaws.com`;
}

function repoKey(region: string, name: string): string {
  return `${region}/${name}`;
}

export function findRepo(world: World, region: string, name: string): EcrRepo | undefined {
  return aws(world).ecr[repoKey(region, name)];
}

registerRegistryProvider({
  matches: (host) => HOST.test(host),
  login(world, host, user, password) {
    const m = HOST.exec(host);
    if (!m || m[1] !== ACCOUNT || user !== 'AWS') return false;
    const decoded = unbase64(password);
    const tok = decoded ? /^AWS:hatchway-ecr-token:(\d+):([a-z0-9-]+)$/.exec(decoded) : null;
    return !!tok && Number(tok[1]) + TOKEN_MS > world.now;
  },
  missingRepo(world, host, repo) {
    const m = HOST.exec(host);
    if (!m) return undefined;
    if (m[1] !== ACCOUNT) return `denied: User: arn:aws:iam::${ACCOUNT}:user/learner is not authorized to perform: ecr:InitiateLayerUpload on resource: arn:aws:ecr:${m[2]}:${m[1]}:repository/${repo}`;
    return findRepo(world, m[2]!, repo) ? undefined : `name unknown: The repository with name '${repo}' does not exist in the registry with id '${ACCOUNT}'`;
  },
});

function repoJson(world: World, r: EcrRepo) {
  return {
    repositoryArn: `arn:aws:ecr:${r.region}:${ACCOUNT}:repository/${r.name}`,
    registryId: ACCOUNT,
    repositoryName: r.name,
    repositoryUri: `${registryHost(r.region)}/${r.name}`,
    createdAt: awsTime(world, r.createdAt),
    imageTagMutability: r.tagMutability,
    imageScanningConfiguration: { scanOnPush: r.scanOnPush },
    encryptionConfiguration: { encryptionType: 'AES256' },
  };
}

function notFound(name: string): AwsError {
  return new AwsError('RepositoryNotFoundException', `The repository with name '${name}' does not exist in the registry with id '${ACCOUNT}'`);
}

function images(world: World, region: string, name: string) {
  const reg = docker(world).registries[registryHost(region)];
  const repo = reg?.repos[name];
  if (!repo) return [];
  return Object.entries(repo.manifests).map(([digest, id]) => {
    const img = docker(world).remoteImages[id];
    const tags = Object.entries(repo.tags).filter(([, d]) => d === digest).map(([t]) => t);
    return { registryId: ACCOUNT, repositoryName: name, imageDigest: digest, ...(tags.length ? { imageTags: tags } : {}), imageSizeInBytes: img ? Math.round(imageSize(world, img) * 0.42) : 0, imagePushedAt: awsTime(world, img?.created ?? world.now), imageManifestMediaType: 'application/vnd.docker.distribution.manifest.v2+json', artifactMediaType: 'application/vnd.docker.container.image.v1+json' };
  });
}

/** Whether `image` (a full ECR URI with tag) exists, for ECS tasks that pull it. */
export function ecrImageExists(world: World, image: string): boolean | undefined {
  const m = /^(\d{12}\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com)\/([^:@]+)(?::([\w.-]+))?$/.exec(image);
  if (!m) return undefined;
  const repo = docker(world).registries[m[1]!]?.repos[m[3]!];
  return !!repo && repo.tags[m[4] ?? 'latest'] !== undefined;
}

export const ecrService: Service = {
  name: 'ecr',
  allOps: ECR_OPS,
  ops: {
    'create-repository': {
      params: { 'repository-name': { type: 's', required: true }, 'image-tag-mutability': { type: 's' }, 'image-scanning-configuration': { type: 'j' }, tags: { type: 'L' }, 'encryption-configuration': { type: 'j' } },
      run(a, p) {
        const world = a.ctx.world;
        const name = String(p.repositoryName);
        if (!/^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(name) || name.length < 2 || name.length > 256)
          return new AwsError('InvalidParameterException', `Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*''`);
        if (findRepo(world, a.region, name)) return new AwsError('RepositoryAlreadyExistsException', `The repository with name '${name}' already exists in the registry with id '${ACCOUNT}'`);
        const mut = p.imageTagMutability === 'IMMUTABLE' ? 'IMMUTABLE' : 'MUTABLE';
        const scan = (p.imageScanningConfiguration as { scanOnPush?: unknown } | undefined)?.scanOnPush;
        const r: EcrRepo = { name, region: a.region, createdAt: world.now, tagMutability: mut, scanOnPush: scan === true || scan === 'true' };
        aws(world).ecr[repoKey(a.region, name)] = r;
        return { repository: repoJson(world, r) };
      },
    },
    'describe-repositories': {
      params: { 'repository-names': { type: 'l' }, 'registry-id': { type: 's' } },
      run(a, p) {
        const world = a.ctx.world;
        const names = p.repositoryNames as string[] | undefined;
        const missing = names?.find((n) => !findRepo(world, a.region, n));
        if (missing) return notFound(missing);
        const all = Object.values(aws(world).ecr).filter((r) => r.region === a.region && (!names || names.includes(r.name)));
        return { repositories: all.sort((x, y) => x.createdAt - y.createdAt).map((r) => repoJson(world, r)) };
      },
    },
    'delete-repository': {
      params: { 'repository-name': { type: 's', required: true }, force: { type: 'b' }, 'registry-id': { type: 's' } },
      run(a, p) {
        const world = a.ctx.world;
        const name = String(p.repositoryName);
        const r = findRepo(world, a.region, name);
        if (!r) return notFound(name);
        const imgs = images(world, a.region, name);
        if (imgs.length && !p.force) return new AwsError('RepositoryNotEmptyException', `The repository with name '${name}' in registry with id '${ACCOUNT}' cannot be deleted because it still contains images`);
        delete aws(world).ecr[repoKey(a.region, name)];
        const reg = docker(world).registries[registryHost(a.region)];
        if (reg) delete reg.repos[name];
        const j = repoJson(world, r);
        return { repository: { repositoryArn: j.repositoryArn, registryId: j.registryId, repositoryName: j.repositoryName, repositoryUri: j.repositoryUri, createdAt: j.createdAt, imageTagMutability: j.imageTagMutability } };
      },
    },
    'get-login-password': {
      params: {},
      run(a) {
        return { raw: base64(`AWS:hatchway-ecr-token:${a.ctx.world.now}:${hex(a.ctx.world, 24)}`) + '\n' };
      },
    },
    'get-authorization-token': {
      params: {},
      run(a) {
        const world = a.ctx.world;
        return { authorizationData: [{ authorizationToken: base64(`AWS:hatchway-ecr-token:${world.now}:${hex(world, 24)}`), expiresAt: awsTime(world, world.now + TOKEN_MS), proxyEndpoint: `https://${registryHost(a.region)}` }] };
      },
    },
    'describe-images': {
      params: { 'repository-name': { type: 's', required: true }, 'image-ids': { type: 'L' }, 'registry-id': { type: 's' } },
      run(a, p) {
        const name = String(p.repositoryName);
        if (!findRepo(a.ctx.world, a.region, name)) return notFound(name);
        let list = images(a.ctx.world, a.region, name);
        const ids = p.imageIds as { imageTag?: string; imageDigest?: string }[] | undefined;
        if (ids) {
          for (const id of ids) {
            if (!list.some((i) => (id.imageTag && i.imageTags?.includes(id.imageTag)) || (id.imageDigest && i.imageDigest === id.imageDigest)))
              return new AwsError('ImageNotFoundException', `The image with imageId {imageDigest:'${id.imageDigest ?? 'null'}', imageTag:'${id.imageTag ?? 'null'}'} does not exist within the repository with name '${name}' in the registry with id '${ACCOUNT}'`);
          }
          list = list.filter((i) => ids.some((id) => (id.imageTag && i.imageTags?.includes(id.imageTag)) || i.imageDigest === id.imageDigest));
        }
        return { imageDetails: list };
      },
    },
    'list-images': {
      params: { 'repository-name': { type: 's', required: true }, 'registry-id': { type: 's' } },
      run(a, p) {
        const name = String(p.repositoryName);
        if (!findRepo(a.ctx.world, a.region, name)) return notFound(name);
        return { imageIds: images(a.ctx.world, a.region, name).flatMap((i) => (i.imageTags ?? [undefined]).map((t) => ({ imageDigest: i.imageDigest, ...(t ? { imageTag: t } : {}) }))) };
      },
    },
  },
};
