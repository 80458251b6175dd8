/**
 * The files of a report or a reply, each cleaned, encrypted and uploaded as soon as it is
 * chosen, while the reporter goes on writing. State lives in memory only; leaving the page
 * aborts unfinished uploads (the server discards abandoned ones).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PublicInstallation } from '../../../shared/api/channel.schema';
import { toB64 } from '../../../shared/api/common.schema';
import type { AmanaCrypto } from '../../../shared/crypto/index';
import type { AttachmentDescriptor } from '../../../shared/protocol/report-body';
import { takeUploadSolution } from '../report/pow-ahead';
import { prepareFile, type MetadataReport } from './prepare-file';
import { uploadAttachment, type UploadedAttachment } from './upload-attachment';

export type AttachmentStatus = 'cleaning' | 'uploading' | 'retrying' | 'done' | 'failed';

export interface AttachmentItem {
  localId: string;
  file: File;
  questionId: string | null;
  status: AttachmentStatus;
  /** 0..1 of the ciphertext acknowledged by the server */
  progress: number;
  metadata: MetadataReport | null;
  error: unknown;
  uploaded: UploadedAttachment | null;
}

export type RejectedFile = { name: string; reason: 'too_large' | 'too_many' };

interface Options {
  crypto: AmanaCrypto | null;
  installation: PublicInstallation | null;
  /** how many files this report or reply may carry */
  maxFiles: number;
  token?: string | null;
}

let counter = 0;

export function useAttachments({ crypto, installation, maxFiles, token = null }: Options) {
  const [items, setItems] = useState<AttachmentItem[]>([]);
  const [rejected, setRejected] = useState<RejectedFile[]>([]);
  const controllers = useRef(new Map<string, AbortController>());
  const count = useRef(0);

  useEffect(() => {
    const running = controllers.current;
    return () => running.forEach((controller) => controller.abort());
  }, []);

  const update = useCallback((localId: string, patch: Partial<AttachmentItem>) => {
    setItems((list) => list.map((item) => (item.localId === localId ? { ...item, ...patch } : item)));
  }, []);

  const start = useCallback(
    async (localId: string, file: File) => {
      if (!crypto || !installation) return;
      const controller = new AbortController();
      controllers.current.set(localId, controller);
      update(localId, { status: 'cleaning', progress: 0, error: null, uploaded: null });
      try {
        const prepared = await prepareFile(file);
        update(localId, { status: 'uploading', metadata: prepared.metadata });
        const uploaded = await uploadAttachment(crypto, prepared.source, {
          partChunks: installation.limits.partChunks,
          token,
          pow: takeUploadSolution,
          signal: controller.signal,
          onProgress: (progress, retrying) => update(localId, { progress, status: retrying ? 'retrying' : 'uploading' }),
        });
        update(localId, { status: 'done', progress: 1, uploaded });
      } catch (error) {
        if (!controller.signal.aborted) update(localId, { status: 'failed', error });
      } finally {
        controllers.current.delete(localId);
      }
    },
    [crypto, installation, token, update],
  );

  const add = useCallback(
    (files: Iterable<File>, questionId: string | null) => {
      if (!installation) return;
      const refused: RejectedFile[] = [];
      const added: AttachmentItem[] = [];
      for (const file of files) {
        if (file.size > installation.limits.attachmentBytes) refused.push({ name: file.name, reason: 'too_large' });
        else if (count.current + added.length >= maxFiles) refused.push({ name: file.name, reason: 'too_many' });
        else added.push({ localId: `file-${++counter}`, file, questionId, status: 'cleaning', progress: 0, metadata: null, error: null, uploaded: null });
      }
      count.current += added.length;
      setRejected(refused);
      setItems((list) => [...list, ...added]);
      for (const item of added) void start(item.localId, item.file);
    },
    [installation, maxFiles, start],
  );

  const remove = useCallback((localId: string) => {
    controllers.current.get(localId)?.abort();
    count.current -= 1;
    setItems((list) => list.filter((item) => item.localId !== localId));
  }, []);

  const retry = useCallback(
    (localId: string) => {
      const item = items.find((i) => i.localId === localId);
      if (item) void start(localId, item.file);
    },
    [items, start],
  );

  const clear = useCallback(() => {
    controllers.current.forEach((controller) => controller.abort());
    count.current = 0;
    setItems([]);
    setRejected([]);
  }, []);

  return { items, rejected, add, remove, retry, clear, busy: items.some((i) => i.status !== 'done') };
}

export function describe(item: AttachmentItem): AttachmentDescriptor | null {
  if (!item.uploaded) return null;
  return {
    attachmentId: item.uploaded.attachmentId,
    name: item.file.name,
    type: item.file.type,
    size: item.uploaded.size,
    fileKey: toB64(item.uploaded.fileKey),
    header: toB64(item.uploaded.header),
    questionId: item.questionId,
  };
}
