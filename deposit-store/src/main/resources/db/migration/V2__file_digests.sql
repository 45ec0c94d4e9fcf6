-- SHA-512 and CRC-32 of each stored file, computed in the same pass as SHA-256 and MD5 when the bytes are stored.
-- Packaging checks a stored copy with a digest it computes anyway (BagIt's SHA-512 manifest) and can write zip
-- entries STORED (which needs the CRC before the bytes). Files stored before this migration keep NULL here.
ALTER TABLE submission_file ADD COLUMN sha512 TEXT;
ALTER TABLE submission_file ADD COLUMN crc32 TEXT;
