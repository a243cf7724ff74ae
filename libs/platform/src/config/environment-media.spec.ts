import { describe, expect, it } from '@jest/globals';
import { validateEnvironment } from './environment.js';

const S3 = {
  MEDIA_STORAGE: 's3',
  MEDIA_S3_BUCKET: 'lesson-media',
  MEDIA_S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
  MEDIA_S3_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

describe('media settings', () => {
  it('defaults to local storage under ./data/media with a 25 MiB limit and relative URLs', () => {
    expect(validateEnvironment({})).toMatchObject({
      MEDIA_STORAGE: 'local',
      MEDIA_LOCAL_DIR: './data/media',
      MEDIA_MAX_BYTES: 25 * 1024 * 1024,
      MEDIA_PUBLIC_BASE_URL: '',
      MEDIA_S3_REGION: 'us-east-1',
      MEDIA_S3_FORCE_PATH_STYLE: false,
    });
  });

  it('accepts s3 with a bucket and both keys, and reads the path-style switch', () => {
    const environment = validateEnvironment({
      ...S3,
      MEDIA_S3_ENDPOINT: 'http://127.0.0.1:9000',
      MEDIA_S3_FORCE_PATH_STYLE: 'true',
    });

    expect(environment).toMatchObject({ ...S3, MEDIA_S3_FORCE_PATH_STYLE: true });
  });

  it('refuses s3 without a bucket or keys, in one line naming each, without showing secrets', () => {
    let message = '';
    try {
      // An empty value is unset, as for every setting.
      validateEnvironment({ MEDIA_STORAGE: 's3', MEDIA_S3_SECRET_ACCESS_KEY: '' });
    } catch (error) {
      message = (error as Error).message;
    }

    expect(message).toBe(
      'Invalid configuration: MEDIA_S3_BUCKET must be set when MEDIA_STORAGE is s3 (unset); ' +
        'MEDIA_S3_ACCESS_KEY_ID must be set when MEDIA_STORAGE is s3 (unset); ' +
        'MEDIA_S3_SECRET_ACCESS_KEY must be set when MEDIA_STORAGE is s3 (unset)',
    );
  });

  it('refuses s3 with only the secret missing, naming just that', () => {
    const { MEDIA_S3_SECRET_ACCESS_KEY: _secret, ...withoutSecret } = S3;

    expect(() => validateEnvironment(withoutSecret)).toThrow(
      /^Invalid configuration: MEDIA_S3_SECRET_ACCESS_KEY must be set when MEDIA_STORAGE is s3 \(unset\)$/,
    );
  });

  it.each([
    [{ MEDIA_STORAGE: 'gcs' }, 'MEDIA_STORAGE'],
    [{ MEDIA_MAX_BYTES: '100' }, 'MEDIA_MAX_BYTES must not be less than 1024'],
    [{ MEDIA_MAX_BYTES: String(512 * 1024 * 1024) }, 'MEDIA_MAX_BYTES must not be greater than'],
    [{ MEDIA_PUBLIC_BASE_URL: 'cdn.example.com' }, 'MEDIA_PUBLIC_BASE_URL must be an http(s) URL'],
    [{ MEDIA_S3_ENDPOINT: 'ftp://minio' }, 'MEDIA_S3_ENDPOINT must be an http(s) URL'],
    [{ MEDIA_S3_FORCE_PATH_STYLE: 'sometimes' }, 'MEDIA_S3_FORCE_PATH_STYLE must be true or false'],
  ])('refuses %j', (raw, expected) => {
    expect(() => validateEnvironment(raw)).toThrow(expected);
  });
});
